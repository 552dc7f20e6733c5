using OrleansDistribution.Testing.Xunit;

namespace OrleansDistribution.Grains.Tests.Fixtures;

/// <summary>
/// The test kit's cluster fixture with two silos, so grain calls cross silos as in production; every other setting is
/// the kit's (<see cref="TestClusterSettings.Cluster"/>).
/// </summary>
public sealed class ClusterFixture : DistributionClusterFixture
{
    /// <inheritdoc />
    protected override DistributionTestClusterOptions Options() => new() { Silos = 2 };
}
