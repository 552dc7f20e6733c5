using Microsoft.Extensions.Options;
using OrleansDistribution.Domain.Orders.Workflow;
using OrleansDistribution.Grains.Telemetry;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Grains.Workflow;

/// <summary>
/// The one place a workflow step becomes a downstream call: it builds the port's request from the order's
/// record, bounds it with the step timeout, and turns what came back into a <see cref="StepOutcome"/>.
/// </summary>
public sealed class StepRunner(IErpPort erp, IWarehousePort warehouse, IOptions<WorkflowOptions> options)
{
    /// <summary>Runs <paramref name="step"/> once for the order.</summary>
    public async Task<StepOutcome> RunAsync(WorkflowStep step, OrderRecord order, CancellationToken cancellationToken)
    {
        using var activity = DistributionTelemetry.StartStep(step.Name, order.OrderId, order.CorrelationId);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.StepTimeout);
            var context = OutboundContext.ForStep(order.OrderId, step.Name, order.CorrelationId);
            var reference = await CallAsync(step.Port, order, context, timeout.Token);
            return StepOutcome.Succeeded(reference);
        }
        catch (DownstreamRejectedException rejected)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, rejected.Message);
            return StepOutcome.Rejected(rejected.Reason);
        }
        catch (DownstreamUnavailableException down) when (down.CircuitOpen)
        {
            return StepOutcome.Deferred(down.Message);
        }
        catch (Exception failure) when (failure is DownstreamUnavailableException or OperationCanceledException or TimeoutException)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failure.Message);
            return StepOutcome.Unavailable(failure.Message);
        }
    }

    private async Task<string> CallAsync(StepPort port, OrderRecord order, OutboundContext context, CancellationToken cancellationToken)
    {
        switch (port)
        {
            case StepPort.ErpCommit:
                return await erp.CommitOrderAsync(
                    new ErpOrder(order.OrderId, order.PartnerId, order.CustomerId, order.ChannelOrderRef, order.PriceListVersion,
                        order.Currency, order.Total, [.. order.Lines.Select(line => new ErpOrderLine(line.Sku, line.Quantity, line.UnitPrice))]),
                    context, cancellationToken);
            case StepPort.WarehouseRelease:
                return await warehouse.ReleaseAsync(
                    new WarehouseRelease(order.OrderId, order.CustomerId, [.. order.Lines.Select(line => new WarehouseReleaseLine(line.Sku, line.Quantity))]),
                    context, cancellationToken);
            case StepPort.WarehouseCancel:
                await warehouse.CancelReleaseAsync(order.OrderId, context, cancellationToken);
                return "cancelled";
            case StepPort.ErpCancel:
                await erp.CancelOrderAsync(order.OrderId, context, cancellationToken);
                return "cancelled";
            default:
                throw new InvalidOperationException($"Step port {port} makes no call.");
        }
    }
}
