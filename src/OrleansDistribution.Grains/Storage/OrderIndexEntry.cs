using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Grains.Storage;

/// <summary>
/// What the order index holds for one order besides its ID (the grain key): the business keys a channel searches by,
/// the status and total. A value, taken from the state when its write is queued, so the batch never holds a live object.
/// </summary>
/// <param name="PartnerId">The partner that submitted the order.</param>
/// <param name="ChannelOrderRef">The channel's own order reference.</param>
/// <param name="CustomerId">The partner's customer.</param>
/// <param name="Status">The order's status as of this write.</param>
/// <param name="CreatedAt">When the order was captured (never changes).</param>
/// <param name="Total">The order total.</param>
/// <param name="Currency">The currency of the total.</param>
public readonly record struct OrderIndexEntry(
    string PartnerId,
    string ChannelOrderRef,
    string CustomerId,
    OrderStatus Status,
    DateTimeOffset CreatedAt,
    decimal Total,
    string Currency);
