namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>The rows of one service in the memory store; every batch holds <see cref="Gate"/>, which makes it a transaction.</summary>
internal sealed class MemoryGrainStateTable
{
    /// <summary>Taken for the whole of a batch: readers never see half of one.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The rows by identity.</summary>
    public Dictionary<StateRowKey, MemoryGrainStateRow> Rows { get; } = [];
}
