using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Domain.Orders;
using OrleansDistribution.Domain.Pricing;
using OrleansDistribution.Grains.Events;
using OrleansDistribution.Grains.Storage;
using OrleansDistribution.Grains.Workflow;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Grains.Orders;

/// <summary>
/// One order's workflow. Acceptance is synchronous (validate, price, reserve all-or-nothing); after that the
/// grain drives itself through ERP commit and warehouse release on a grain timer, never blocking a request.
/// This file: acceptance, reads, shipment milestones. OrderGrain.Workflow.cs: the asynchronous steps,
/// reminders and SLAs. OrderGrain.Exceptions.cs: holds, retries, manual resolution, cancellation.
/// </summary>
public sealed partial class OrderGrain(
    [PersistentState("order", DistributionNames.Storage)] IPersistentState<OrderState> state,
    IErpPort erp,
    IWarehousePort warehouse,
    IOptions<WorkflowOptions> workflowOptions,
    TimeProvider clock,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IRemindable
{
    private string OrderId => this.GetPrimaryKeyString();

    private WorkflowOptions Workflow => workflowOptions.Value;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            return;
        }

        if (HasPendingStep())
        {
            ArmWorkflow(Workflow.FirstStepDelay);
        }

        // Queue registration happens after the state write; if the silo died in between, do it now (idempotent).
        if (state.State.Exception is { } open)
        {
            await EnqueueAsync(open);
        }
    }

    /// <inheritdoc />
    public async Task<OrderSnapshot> SubmitAsync(OrderSubmission submission)
    {
        if (state.RecordExists)
        {
            return Snapshot();
        }

        var correlationId = Correlation.Current;
        var priceList = await ResolvePriceListAsync(submission.PartnerId);
        var quantities = OrderLines.QuantityBySku(submission.Lines);
        await EnsureSkusKnownAsync(quantities.Keys);

        var pricing = OrderPricer.Price(submission.Lines, priceList);
        if (!pricing.IsComplete)
        {
            throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.UnpricedSku,
                $"No price in contract version '{priceList.Version}' for: {string.Join(", ", pricing.UnpricedSkus)}.");
        }

        await EnsureCustomerActiveAsync(submission, correlationId);

        var shortSkus = await ReserveAllAsync(quantities);

        state.State = new OrderState
        {
            PartnerId = submission.PartnerId,
            ChannelOrderRef = submission.ChannelOrderRef,
            CustomerId = submission.CustomerId,
            PriceListVersion = pricing.PriceListVersion,
            Currency = pricing.Currency,
            Total = pricing.Total,
            Lines = [.. pricing.Lines],
            CreatedAt = clock.GetUtcNow(),
            CorrelationId = correlationId,
            TraceParent = System.Diagnostics.Activity.Current?.Id,
            Reservations = shortSkus.Count == 0 ? new Dictionary<string, int>(quantities, StringComparer.Ordinal) : new(StringComparer.Ordinal),
        };

        if (shortSkus.Count == 0)
        {
            try
            {
                // The reminder first: once the 201 is out, a crash must not strand the order.
                await this.RegisterOrUpdateReminder(ResumeReminder, Workflow.ResumeCheckPeriod, Workflow.ResumeCheckPeriod);
                StartSlaClock(OrderSteps.ErpCommit, Workflow.ErpCommitWithin);
                await MoveAsync(OrderStatus.Accepted, $"Accepted: priced with contract version {pricing.PriceListVersion}, all lines reserved.", correlationId);
            }
            catch
            {
                // Nothing was promised to the channel: give the stock back so a retry starts clean.
                await ReleaseAcceptedReservationsAsync(quantities.Keys);
                throw;
            }

            await ArmSlaReminderAsync();
            ArmWorkflow(Workflow.FirstStepDelay);
        }
        else
        {
            await HoldAsync(OrderExceptionTypes.StockConstrained, OrderSteps.Reservation, 1,
                $"Insufficient available stock for: {string.Join(", ", shortSkus)}.", correlationId);
        }

        LogSubmitted(logger, OrderId, submission.PartnerId, state.State.Status, correlationId);
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<OrderSnapshot?> GetAsync() => Task.FromResult(state.RecordExists ? Snapshot() : null);

    /// <inheritdoc />
    public async Task<OrderSnapshot> RecordShipmentAsync(ShipmentEvent shipment)
    {
        EnsureExists();
        var correlationId = Correlation.Current;
        var status = state.State.Status;
        var trackingDetail = $"carrier {shipment.Carrier ?? "n/a"}, tracking {shipment.TrackingNumber ?? "n/a"}";
        switch (shipment.Milestone)
        {
            case ShipmentMilestone.Shipped when status is OrderStatus.Shipped or OrderStatus.Delivered:
            case ShipmentMilestone.Delivered when status is OrderStatus.Delivered:
                return Snapshot();
            case ShipmentMilestone.Shipped when OrderTransitions.CanMove(status, OrderStatus.Shipped):
                await Task.WhenAll(state.State.Reservations.Keys.Select(sku => GrainFactory.GetGrain<IInventoryGrain>(sku).CommitAsync(OrderId)));
                state.State.Reservations.Clear();
                await CloseAdvisoryExceptionAsync($"shipped ({trackingDetail})");
                await StopSlaClockAsync();
                await MoveAsync(OrderStatus.Shipped, $"Shipped ({trackingDetail}); reserved stock deducted from on-hand.", correlationId);
                return Snapshot();
            case ShipmentMilestone.Delivered when OrderTransitions.CanMove(status, OrderStatus.Delivered):
                await MoveAsync(OrderStatus.Delivered, $"Delivered ({trackingDetail}).", correlationId);
                return Snapshot();
            default:
                throw InvalidTransition(shipment.Milestone.ToString());
        }
    }

    private async Task<PriceList> ResolvePriceListAsync(string partnerId)
    {
        var partner = GrainFactory.GetGrain<IPartnerGrain>(partnerId);
        var profile = await partner.GetProfileAsync()
            ?? throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.PartnerNotFound, $"Partner '{partnerId}' does not exist.");
        if (profile.Status != PartnerStatus.Active)
        {
            throw new RuleViolationException(RuleViolationKind.Forbidden, RuleCodes.PartnerSuspended, $"Partner '{partnerId}' is suspended.");
        }

        return await partner.GetCurrentPriceListAsync()
            ?? throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.NoPriceList,
                $"Partner '{partnerId}' has no contract price list yet.");
    }

    private async Task EnsureSkusKnownAsync(IEnumerable<string> skus)
    {
        var positions = await Task.WhenAll(skus.Select(async sku => (Sku: sku, Position: await GrainFactory.GetGrain<IInventoryGrain>(sku).GetAsync())));
        var unknown = positions.Where(p => p.Position is null).Select(p => p.Sku).ToList();
        if (unknown.Count > 0)
        {
            throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.UnknownSku,
                $"Unknown SKU: {string.Join(", ", unknown)}.");
        }
    }

    private async Task EnsureCustomerActiveAsync(OrderSubmission submission, string correlationId)
    {
        CustomerStanding standing;
        try
        {
            using var timeout = new CancellationTokenSource(Workflow.StepTimeout);
            standing = await erp.CheckCustomerAsync(submission.PartnerId, submission.CustomerId,
                OutboundContext.ForStep(OrderId, OrderSteps.CustomerCheck, correlationId), timeout.Token);
        }
        catch (Exception exception) when (exception is DownstreamUnavailableException or DownstreamRejectedException or OperationCanceledException)
        {
            // Acceptance must not depend on ERP uptime: the ERP re-checks the customer when the order is committed.
            LogCustomerCheckSkipped(logger, exception, OrderId, submission.CustomerId, correlationId);
            return;
        }

        if (!standing.IsActive)
        {
            throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.InactiveCustomer,
                standing.Reason ?? $"Customer '{submission.CustomerId}' is inactive.");
        }
    }

    /// <summary>Reserves every SKU or none: on any shortfall or failure, what was reserved is released again.</summary>
    private async Task<IReadOnlyList<string>> ReserveAllAsync(IReadOnlyDictionary<string, int> quantities)
    {
        (string Sku, ReservationOutcome Outcome)[] outcomes;
        try
        {
            outcomes = await Task.WhenAll(quantities.Select(async pair =>
                (Sku: pair.Key, Outcome: await GrainFactory.GetGrain<IInventoryGrain>(pair.Key).ReserveAsync(OrderId, pair.Value))));
        }
        catch
        {
            // Other lines may already be reserved for an order that will never be written; releasing a SKU
            // this order holds nothing on is harmless, so release every line before reporting the failure.
            await Task.WhenAll(quantities.Keys.Select(sku => GrainFactory.GetGrain<IInventoryGrain>(sku).ReleaseAsync(OrderId)));
            throw;
        }

        var shortSkus = outcomes.Where(o => o.Outcome != ReservationOutcome.Reserved).Select(o => o.Sku).ToList();
        if (shortSkus.Count > 0)
        {
            await Task.WhenAll(outcomes.Where(o => o.Outcome == ReservationOutcome.Reserved)
                .Select(o => GrainFactory.GetGrain<IInventoryGrain>(o.Sku).ReleaseAsync(OrderId)));
        }

        return shortSkus;
    }

    private async Task ReleaseAcceptedReservationsAsync(IEnumerable<string> skus)
    {
        try
        {
            await Task.WhenAll(skus.Select(sku => GrainFactory.GetGrain<IInventoryGrain>(sku).ReleaseAsync(OrderId)));
        }
        catch (Exception exception)
        {
            // A retry with the same Idempotency-Key reuses this order ID, and reservations are keyed by it,
            // so a reservation left here is picked up again rather than leaked twice.
            LogCompensationFailed(logger, exception, OrderId);
        }
    }

    private async Task ReleaseReservationsAsync()
    {
        await Task.WhenAll(state.State.Reservations.Keys.Select(sku => GrainFactory.GetGrain<IInventoryGrain>(sku).ReleaseAsync(OrderId)));
        state.State.Reservations.Clear();
    }

    /// <summary>Records the transition on the timeline, persists it, then tells the event stream.</summary>
    private Task MoveAsync(OrderStatus to, string detail, string correlationId) => RecordAsync(to, detail, correlationId);

    /// <summary>Appends a timeline entry (a transition, or a note when the status stays), persists, publishes.</summary>
    private async Task RecordAsync(OrderStatus status, string detail, string correlationId)
    {
        var from = state.State.Timeline.Count == 0 ? (OrderStatus?)null : state.State.Status;
        var at = clock.GetUtcNow();
        state.State.Status = status;
        state.State.Timeline.Add(new TimelineEntry(at, from, status, correlationId, detail));
        await state.WriteOrDeactivateAsync(this);
        await this.PublishAsync(new OrderStatusChanged
        {
            EventId = EventPublisher.NewEventId(),
            At = at,
            CorrelationId = correlationId,
            OrderId = OrderId,
            PartnerId = state.State.PartnerId,
            From = from,
            Status = status,
            Detail = detail,
        }, logger);
    }

    private void EnsureExists()
    {
        if (!state.RecordExists)
        {
            throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.OrderNotFound, $"Order '{OrderId}' does not exist.");
        }
    }

    private RuleViolationException InvalidTransition(string action) =>
        new(RuleViolationKind.Conflict, RuleCodes.InvalidTransition,
            $"Order '{OrderId}' is {state.State.Status}; '{action}' is not allowed in that status.");

    private OrderSnapshot Snapshot() => new(
        OrderId,
        state.State.PartnerId,
        state.State.ChannelOrderRef,
        state.State.CustomerId,
        state.State.Status,
        state.State.PriceListVersion,
        state.State.Currency,
        state.State.Total,
        [.. state.State.Lines],
        [.. state.State.Timeline],
        state.State.Exception,
        state.State.CreatedAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {OrderId} from partner {PartnerId} captured as {Status} (correlation {CorrelationId})")]
    private static partial void LogSubmitted(ILogger logger, string orderId, string partnerId, OrderStatus status, string correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: releasing reservations after a failed acceptance failed")]
    private static partial void LogCompensationFailed(ILogger logger, Exception exception, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: ERP customer check for {CustomerId} skipped, ERP unavailable (correlation {CorrelationId})")]
    private static partial void LogCustomerCheckSkipped(ILogger logger, Exception exception, string orderId, string customerId, string correlationId);
}
