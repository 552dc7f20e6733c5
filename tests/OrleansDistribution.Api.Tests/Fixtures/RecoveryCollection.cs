namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>Failure and recovery tests: they inject faults into the shared simulation, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RecoveryCollection : ICollectionFixture<RecoveryApiFixture>
{
    public const string Name = "recovery";
}
