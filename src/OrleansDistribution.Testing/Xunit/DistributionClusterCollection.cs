using Xunit;

namespace OrleansDistribution.Testing.Xunit;

/// <summary>
/// Test classes marked <c>[Collection(typeof(DistributionClusterCollection))]</c> share one
/// <see cref="DistributionClusterFixture"/> (taken in their constructor) and run one after another; each test isolates
/// itself with a partner of its own (<see cref="DistributionClusterFixture.OnboardPartnerAsync"/>).
/// </summary>
[CollectionDefinition]
public sealed class DistributionClusterCollection : ICollectionFixture<DistributionClusterFixture>;
