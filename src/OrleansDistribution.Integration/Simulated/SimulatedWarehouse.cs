using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Simulated;

/// <summary>An in-process WMS with the same books and injectable faults as samples/ErpSimulator.</summary>
public sealed class SimulatedWarehouse(SimulatedLatency latency, FaultInjector faults, SimulationLedger ledger, SimulatedCircuits circuits) : IWarehousePort
{
    /// <inheritdoc />
    public Task<string> ReleaseAsync(WarehouseRelease release, OutboundContext context, CancellationToken cancellationToken) =>
        circuits.RunAsync(DownstreamSystem.Warehouse, token => ReleaseUnguardedAsync(release, context, token), cancellationToken);

    /// <inheritdoc />
    public Task CancelReleaseAsync(string orderId, OutboundContext context, CancellationToken cancellationToken) =>
        circuits.RunAsync(DownstreamSystem.Warehouse, async token =>
        {
            await CancelReleaseUnguardedAsync(orderId, context, token);
            return true;
        }, cancellationToken);

    private async Task<string> ReleaseUnguardedAsync(WarehouseRelease release, OutboundContext context, CancellationToken cancellationToken)
    {
        await latency.WaitAsync(cancellationToken);
        ledger.Received(release.OrderId, context.CorrelationId);
        var dropResponse = await ThrowOnFaultAsync(cancellationToken);
        var reference = ledger.Apply(release.OrderId, context.IdempotencyKey, SimulationLedger.Effect.Release, () => $"WMS-{release.OrderId}");
        return dropResponse ? throw LostResponse() : reference;
    }

    private async Task CancelReleaseUnguardedAsync(string orderId, OutboundContext context, CancellationToken cancellationToken)
    {
        await latency.WaitAsync(cancellationToken);
        ledger.Received(orderId, context.CorrelationId);
        var dropResponse = await ThrowOnFaultAsync(cancellationToken);
        ledger.Apply(orderId, context.IdempotencyKey, SimulationLedger.Effect.WmsCancel, () => "cancelled");
        if (dropResponse)
        {
            throw LostResponse();
        }
    }

    private async Task<bool> ThrowOnFaultAsync(CancellationToken cancellationToken)
    {
        // Warehouse refusals are not injected (rejectSkus is an ERP rule), so only availability faults apply.
        var (outcome, reason) = await faults.DecideAsync(DownstreamSystem.Warehouse, [], cancellationToken);
        return outcome switch
        {
            SimulatedOutcome.Down or SimulatedOutcome.Error => throw new DownstreamUnavailableException(DownstreamSystem.Warehouse, reason!),
            SimulatedOutcome.ProceedThenDropResponse => true,
            _ => false,
        };
    }

    private static DownstreamUnavailableException LostResponse() => new(DownstreamSystem.Warehouse, "wms response lost (injected)");
}
