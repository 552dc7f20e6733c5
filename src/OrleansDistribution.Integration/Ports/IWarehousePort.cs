namespace OrleansDistribution.Integration.Ports;

/// <summary>The warehouse (WMS) as the workflow needs it; failures are reported as for <see cref="IErpPort"/>.</summary>
public interface IWarehousePort
{
    /// <summary>Releases the order for picking; releasing the same order again returns the first reference.</summary>
    Task<string> ReleaseAsync(WarehouseRelease release, OutboundContext context, CancellationToken cancellationToken);

    /// <summary>Cancels a release; cancelling twice is harmless.</summary>
    Task CancelReleaseAsync(string orderId, OutboundContext context, CancellationToken cancellationToken);
}
