using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// The order index the group-commit storage keeps beside the order states (table <c>distribution_order_index</c>,
/// written in each order write's transaction): searches go straight to the store, on indexes for each business key.
/// </summary>
public sealed class GrainStateOrderIndex(IGrainStateStore store) : IOrderIndex
{
    /// <inheritdoc />
    public Task<IReadOnlyList<OrderSummary>> SearchAsync(OrderSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(search.Limit);
        return store.SearchOrdersAsync(search, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<OrderStatus, long>> CountByStatusAsync(CancellationToken cancellationToken) =>
        store.CountOrdersByStatusAsync(cancellationToken);
}
