using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Grains.Storage;

/// <summary>
/// The durable order index over <see cref="IIndexedOrderState"/> entries, kept by the grain storage in the transaction of
/// each order write: searches by partner, channel reference, customer, status and creation time, newest first.
/// </summary>
public interface IOrderIndex
{
    /// <summary>
    /// At most <see cref="OrderSearch.Limit"/> orders matching every filter of <paramref name="search"/> that is set, newest
    /// first (creation time, then order ID, descending), starting after <see cref="OrderSearch.After"/>.
    /// </summary>
    Task<IReadOnlyList<OrderSummary>> SearchAsync(OrderSearch search, CancellationToken cancellationToken);

    /// <summary>How many orders are in each status now (statuses without orders left out). A scan: for a periodic sample, not per request.</summary>
    Task<IReadOnlyDictionary<OrderStatus, long>> CountByStatusAsync(CancellationToken cancellationToken);
}
