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

    /// <summary>Feed events by partner, in position order.</summary>
    public Dictionary<string, List<MemoryFeedRow>> Feeds { get; } = new(StringComparer.Ordinal);

    /// <summary>Per partner, the last position the retention sweep deleted.</summary>
    public Dictionary<string, long> FeedTrims { get; } = new(StringComparer.Ordinal);

    /// <summary>The last feed position handed out (positions are taken under <see cref="Gate"/>, in commit order).</summary>
    public long LastFeedPosition { get; set; }
}

/// <summary>One feed event in the memory store.</summary>
internal sealed record MemoryFeedRow(long Position, DateTimeOffset OccurredAt, byte[] Payload);
