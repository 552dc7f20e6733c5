using System.Collections.Concurrent;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Simulated;

/// <summary>An in-process WMS that releases each order once.</summary>
public sealed class SimulatedWarehouse(SimulatedLatency latency) : IWarehousePort
{
    private readonly ConcurrentDictionary<string, string> _releases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _cancels = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<string> ReleaseAsync(WarehouseRelease release, OutboundContext context, CancellationToken cancellationToken)
    {
        await latency.WaitAsync(cancellationToken);
        return _releases.GetOrAdd(release.OrderId, id => $"WMS-{id}");
    }

    /// <inheritdoc />
    public async Task CancelReleaseAsync(string orderId, OutboundContext context, CancellationToken cancellationToken)
    {
        await latency.WaitAsync(cancellationToken);
        _cancels.TryAdd(orderId, 0);
    }
}
