namespace OrleansDistribution.Grains.Storage;

/// <summary>
/// Grain state of an order that the storage indexes by its business keys. The storage writes the entry into the order
/// index in the same transaction (PostgreSQL: the same statement) as the state, and only when that write applies, so the
/// index is never ahead of or behind a committed order and costs no round trip of its own.
/// </summary>
public interface IIndexedOrderState
{
    /// <summary>The order's index entry as of this state.</summary>
    OrderIndexEntry OrderIndexEntry { get; }
}
