using Microsoft.Extensions.Options;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Simulated;

/// <summary>An in-process ERP with the same books and injectable faults as samples/ErpSimulator.</summary>
public sealed class SimulatedErp(
    SimulatedLatency latency,
    FaultInjector faults,
    SimulationLedger ledger,
    SimulatedErpStock stock,
    SimulatedCircuits circuits,
    IOptions<SimulationOptions> options) : IErpPort
{
    /// <inheritdoc />
    public Task<CustomerStanding> CheckCustomerAsync(string partnerId, string customerId, OutboundContext context, CancellationToken cancellationToken) =>
        circuits.RunAsync(DownstreamSystem.Erp, token => CheckCustomerUnguardedAsync(customerId, token), cancellationToken);

    /// <inheritdoc />
    public Task<string> CommitOrderAsync(ErpOrder order, OutboundContext context, CancellationToken cancellationToken) =>
        circuits.RunAsync(DownstreamSystem.Erp, token => CommitOrderUnguardedAsync(order, context, token), cancellationToken);

    /// <inheritdoc />
    public Task CancelOrderAsync(string orderId, OutboundContext context, CancellationToken cancellationToken) =>
        circuits.RunAsync(DownstreamSystem.Erp, async token =>
        {
            await CancelOrderUnguardedAsync(orderId, context, token);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<ErpStockPage> GetStockSnapshotAsync(string? after, int limit, OutboundContext context, CancellationToken cancellationToken) =>
        circuits.RunAsync(DownstreamSystem.Erp, token => GetStockSnapshotUnguardedAsync(after, limit, token), cancellationToken);

    private async Task<CustomerStanding> CheckCustomerUnguardedAsync(string customerId, CancellationToken cancellationToken)
    {
        await latency.WaitAsync(cancellationToken);
        await ThrowOnFaultAsync([], cancellationToken);
        return customerId.StartsWith(options.Value.InactiveCustomerPrefix, StringComparison.OrdinalIgnoreCase)
            ? new CustomerStanding(false, $"Customer '{customerId}' is inactive in the ERP.")
            : new CustomerStanding(true, null);
    }

    private async Task<string> CommitOrderUnguardedAsync(ErpOrder order, OutboundContext context, CancellationToken cancellationToken)
    {
        await latency.WaitAsync(cancellationToken);
        ledger.Received(order.OrderId, context.CorrelationId);
        var dropResponse = await ThrowOnFaultAsync(order.Lines.Select(line => line.Sku), cancellationToken);
        var reference = ledger.Apply(order.OrderId, context.IdempotencyKey, SimulationLedger.Effect.Commit, () => $"ERP-{order.OrderId}");
        return dropResponse ? throw LostResponse() : reference;
    }

    private async Task CancelOrderUnguardedAsync(string orderId, OutboundContext context, CancellationToken cancellationToken)
    {
        await latency.WaitAsync(cancellationToken);
        ledger.Received(orderId, context.CorrelationId);
        var dropResponse = await ThrowOnFaultAsync([], cancellationToken);
        ledger.Apply(orderId, context.IdempotencyKey, SimulationLedger.Effect.ErpCancel, () => "cancelled");
        if (dropResponse)
        {
            throw LostResponse();
        }
    }

    private async Task<ErpStockPage> GetStockSnapshotUnguardedAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        await latency.WaitAsync(cancellationToken);
        if (!SimulatedErpStock.IsValidLimit(limit))
        {
            // What samples/ErpSimulator answers with a 400, and the HTTP adapter turns into this refusal.
            throw new DownstreamRejectedException(DownstreamSystem.Erp, $"limit: Must be between 1 and {SimulatedErpStock.MaxPageSize}.");
        }

        // A read: nothing is booked, so a lost response only means the caller asks again.
        var dropResponse = await ThrowOnFaultAsync([], cancellationToken);
        var page = stock.Page(after, limit);
        return dropResponse ? throw LostResponse() : page;
    }

    /// <summary>Throws what the injected fault means; returns true when the effect should happen but its answer be lost.</summary>
    private async Task<bool> ThrowOnFaultAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var (outcome, reason) = await faults.DecideAsync(DownstreamSystem.Erp, skus, cancellationToken);
        return outcome switch
        {
            SimulatedOutcome.Down or SimulatedOutcome.Error => throw new DownstreamUnavailableException(DownstreamSystem.Erp, reason!),
            SimulatedOutcome.Reject => throw new DownstreamRejectedException(DownstreamSystem.Erp, reason!),
            SimulatedOutcome.ProceedThenDropResponse => true,
            _ => false,
        };
    }

    private static DownstreamUnavailableException LostResponse() => new(DownstreamSystem.Erp, "erp response lost (injected)");
}
