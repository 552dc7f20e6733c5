using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// A write (or, with a null <see cref="Payload"/>, a clear) of one row under optimistic concurrency: it applies only
/// when the stored version equals <see cref="ExpectedVersion"/>, or, when that is null, when there is no row yet.
/// </summary>
public sealed class StateWrite(StateRowKey key, int? expectedVersion, byte[]? payload, DateTimeOffset? wakeAt, DateTimeOffset? expiresAt)
    : StateOperation(key)
{
    /// <summary>The version the caller last saw (its ETag); null means "insert: there must be no row".</summary>
    public int? ExpectedVersion { get; } = expectedVersion;

    /// <summary>The serialized state; null for a clear (the row stays, payload-less, so its version keeps rising).</summary>
    public byte[]? Payload { get; } = payload;

    /// <summary>When the grain must be woken (stored beside the payload for the pending-work index).</summary>
    public DateTimeOffset? WakeAt { get; } = wakeAt;

    /// <summary>When the row may be deleted by the expiry sweep.</summary>
    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    /// <summary>
    /// The order's entry for the order index (<see cref="IIndexedOrderState"/>), upserted in the same transaction as the
    /// state and only when the write applies; null for every other state (and for clears).
    /// </summary>
    public OrderIndexEntry? OrderIndex { get; set; }

    /// <summary>
    /// Events appended to partners' feeds in the same transaction, only if this write applies; null for none. Stores
    /// append them in list order, after the events of the batch's earlier writes.
    /// </summary>
    public IReadOnlyList<FeedRow>? Feed { get; init; }

    /// <summary>True when this operation clears the state instead of writing one.</summary>
    public bool IsClear => Payload is null;

    /// <summary>
    /// The new version after the commit, set by the store; it stays 0 when the row's version did not match
    /// (a stale ETag, or an insert that found a row), which fails only this caller.
    /// </summary>
    public int CommittedVersion { get; set; }
}
