namespace OrleansDistribution.Api.Tests.Console;

/// <summary>Browser tests of the ops console: one API silo and one browser; they inject faults, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
