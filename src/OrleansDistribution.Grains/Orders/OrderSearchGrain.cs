using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Orders;

/// <summary>
/// Pages through the order index (<see cref="IOrderIndex"/>) on the calling silo. It asks the index for one order more
/// than the page holds: only then does the page say there is a next one, so the last page never points to an empty one.
/// </summary>
[StatelessWorker]
public sealed class OrderSearchGrain(IOrderIndex index) : Grain, IOrderSearchGrain
{
    /// <inheritdoc />
    public async Task<OrderSearchPage> SearchAsync(OrderSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(search.Limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(search.Limit, OrderSearch.MaxLimit);

        var found = await index.SearchAsync(search with { Limit = search.Limit + 1 }, CancellationToken.None);
        if (found.Count <= search.Limit)
        {
            return new OrderSearchPage(found, Next: null);
        }

        var page = found.Take(search.Limit).ToList();
        return new OrderSearchPage(page, page[^1].Key);
    }
}
