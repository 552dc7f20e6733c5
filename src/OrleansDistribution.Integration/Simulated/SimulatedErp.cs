using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Simulated;

/// <summary>An in-process ERP: keeps commits by order so repeats are idempotent, as a real ERP keyed by idempotency key would.</summary>
public sealed class SimulatedErp(SimulatedLatency latency, IOptions<SimulationOptions> options) : IErpPort
{
    private readonly ConcurrentDictionary<string, string> _commits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _cancels = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<CustomerStanding> CheckCustomerAsync(string partnerId, string customerId, OutboundContext context, CancellationToken cancellationToken)
    {
        await latency.WaitAsync(cancellationToken);
        return customerId.StartsWith(options.Value.InactiveCustomerPrefix, StringComparison.OrdinalIgnoreCase)
            ? new CustomerStanding(false, $"Customer '{customerId}' is inactive in the ERP.")
            : new CustomerStanding(true, null);
    }

    /// <inheritdoc />
    public async Task<string> CommitOrderAsync(ErpOrder order, OutboundContext context, CancellationToken cancellationToken)
    {
        await latency.WaitAsync(cancellationToken);
        return _commits.GetOrAdd(order.OrderId, id => $"ERP-{id}");
    }

    /// <inheritdoc />
    public async Task CancelOrderAsync(string orderId, OutboundContext context, CancellationToken cancellationToken)
    {
        await latency.WaitAsync(cancellationToken);
        _cancels.TryAdd(orderId, 0);
    }
}
