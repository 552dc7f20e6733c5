namespace OrleansDistribution.Integration.Ports;

/// <summary>
/// The ERP as the workflow needs it. Implementations throw <see cref="DownstreamUnavailableException"/> for
/// transient failures and <see cref="DownstreamRejectedException"/> for business refusals.
/// </summary>
public interface IErpPort
{
    /// <summary>Asks whether the customer may order.</summary>
    Task<CustomerStanding> CheckCustomerAsync(string partnerId, string customerId, OutboundContext context, CancellationToken cancellationToken);

    /// <summary>Commits the order; committing the same order again returns the first reference.</summary>
    Task<string> CommitOrderAsync(ErpOrder order, OutboundContext context, CancellationToken cancellationToken);

    /// <summary>Cancels a committed order; cancelling twice is harmless.</summary>
    Task CancelOrderAsync(string orderId, OutboundContext context, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the ERP's on-hand per SKU (SKU order, after the cursor <paramref name="after"/>, at most
    /// <paramref name="limit"/> positions): the full refresh that heals a missed feed push.
    /// </summary>
    Task<ErpStockPage> GetStockSnapshotAsync(string? after, int limit, OutboundContext context, CancellationToken cancellationToken);
}
