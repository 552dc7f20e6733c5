namespace OrleansDistribution.Grains.Tests.Fixtures;

/// <summary>Every grain test class shares one cluster; each test isolates itself with fresh keys.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    /// <summary>The collection name test classes opt into.</summary>
    public const string Name = "Cluster";
}
