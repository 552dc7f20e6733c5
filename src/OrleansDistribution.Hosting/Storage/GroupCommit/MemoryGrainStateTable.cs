using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>The rows of one service in the memory store; every batch holds <see cref="Gate"/>, which makes it a transaction.</summary>
internal sealed class MemoryGrainStateTable
{
    /// <summary>Taken for the whole of a batch: readers never see half of one.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The rows by identity.</summary>
    public Dictionary<StateRowKey, MemoryGrainStateRow> Rows { get; } = [];

    /// <summary>The order index: one summary per order ID, replaced by each order write that applied.</summary>
    public Dictionary<string, OrderSummary> OrderIndex { get; } = new(StringComparer.Ordinal);
}
