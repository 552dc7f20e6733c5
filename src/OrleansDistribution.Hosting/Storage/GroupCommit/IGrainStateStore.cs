using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// A database behind the group-commit grain storage. The storage calls <see cref="WriteAsync"/> with one batch at a
/// time and <see cref="ReadAsync"/> with one batch at a time (the two may overlap), never with two rows of the same
/// key in one batch.
/// </summary>
public interface IGrainStateStore
{
    /// <summary>
    /// True when the store's calls do their I/O synchronously (SQLite: the call returns after the fsync). The
    /// storage then runs its loops on threads of their own: on a 2-core machine the thread pool has two threads,
    /// and a commit holding one of them for milliseconds stalls every request queued behind it.
    /// </summary>
    bool BlocksThread => false;

    /// <summary>
    /// Write (and read) batches the store takes at once, on separate connections, for disjoint rows. More than one
    /// lets a write that arrives during a commit go out at once instead of waiting for that commit.
    /// </summary>
    int MaxConcurrentBatches => 1;

    /// <summary>Opens connections and prepares statements; called once, when the silo starts.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Reads every row of the batch, setting <see cref="StateRead.Version"/> and <see cref="StateRead.Payload"/> where one exists.</summary>
    Task ReadAsync(IReadOnlyList<StateRead> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the batch in one transaction. Each write whose version matches gets its <see cref="StateWrite.CommittedVersion"/>;
    /// the others are left at 0 and change nothing. Throws when the transaction did not commit: then nothing of the
    /// batch may be considered written.
    /// </summary>
    Task WriteAsync(IReadOnlyList<StateWrite> batch, CancellationToken cancellationToken);

    /// <summary>Grain keys of <paramref name="stateName"/> whose wake time is at or before <paramref name="dueBy"/>, earliest first.</summary>
    Task<IReadOnlyList<string>> DueAsync(string stateName, DateTimeOffset dueBy, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The order index (rows the writes of <see cref="StateWrite.OrderIndex"/> entries keep): at most <see cref="OrderSearch.Limit"/>
    /// orders matching every filter that is set, newest first (creation time, then order ID, descending), after <see cref="OrderSearch.After"/>.
    /// </summary>
    Task<IReadOnlyList<OrderSummary>> SearchOrdersAsync(OrderSearch search, CancellationToken cancellationToken);

    /// <summary>The order index's orders per status (statuses without orders left out): a scan of the index.</summary>
    Task<IReadOnlyDictionary<OrderStatus, long>> CountOrdersByStatusAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads up to <paramref name="limit"/> events of a partner's feed after <paramref name="after"/>, oldest first. It
    /// returns only events no transaction still running can precede, so a reader going on from the last cursor it got
    /// never misses one that commits later with a smaller position.
    /// </summary>
    Task<StoredFeedRead> ReadFeedAsync(string partnerId, FeedCursor after, int limit, CancellationToken cancellationToken);

    /// <summary>The position of the newest event of the partner's feed a read returns now; null for an empty feed.</summary>
    Task<FeedCursor?> ReadFeedEndAsync(string partnerId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="limit"/> feed events that occurred before <paramref name="occurredBefore"/>,
    /// remembering per partner the last position deleted; returns how many were deleted.
    /// </summary>
    Task<int> TrimFeedAsync(DateTimeOffset occurredBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes at most <paramref name="limit"/> rows whose expiry is at or before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
