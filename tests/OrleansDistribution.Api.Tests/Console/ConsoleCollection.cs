namespace OrleansDistribution.Api.Tests.Console;

/// <summary>
/// Browser tests of the ops console: one API silo and one browser; they inject faults, so they run one at a time. They run
/// after the other collections, not beside them: a browser's CPU must not slow the timing-sensitive restart tests, nor
/// theirs the page's waits.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
