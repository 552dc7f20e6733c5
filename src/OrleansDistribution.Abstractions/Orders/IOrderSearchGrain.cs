namespace OrleansDistribution.Abstractions.Orders;

/// <summary>
/// Searches the order index, which the grain storage keeps in the same transaction as each order's state, so an
/// order is found by the time its submission was answered. A stateless worker: it runs on the calling silo, next to
/// that silo's storage connection. Use key 0.
/// </summary>
public interface IOrderSearchGrain : IGrainWithIntegerKey
{
    /// <summary>One page of the orders matching <paramref name="search"/>, newest first, with the key to continue after it.</summary>
    [ReadOnly]
    Task<OrderSearchPage> SearchAsync(OrderSearch search);
}
