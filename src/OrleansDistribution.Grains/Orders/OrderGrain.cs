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
/// </summary>
public sealed partial class OrderGrain(
    [PersistentState("order", DistributionNames.Storage)] IPersistentState<OrderState> state,
    IErpPort erp,
    IWarehousePort warehouse,
    IOptions<WorkflowOptions> workflowOptions,
    TimeProvider clock,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IRemindable
{
    /// <summary>The durable reminder an order holds while it has pending work, so it resumes after any restart.</summary>
    public const string ResumeReminder = "resume-workflow";

    private IGrainTimer? _workflowTimer;

    private string OrderId => this.GetPrimaryKeyString();

    private WorkflowOptions Workflow => workflowOptions.Value;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && HasPendingStep())
        {
            ArmWorkflow(Workflow.FirstStepDelay);
        }

        return Task.CompletedTask;
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

        var now = clock.GetUtcNow();
        state.State = new OrderState
        {
            PartnerId = submission.PartnerId,
            ChannelOrderRef = submission.ChannelOrderRef,
            CustomerId = submission.CustomerId,
            PriceListVersion = pricing.PriceListVersion,
            Currency = pricing.Currency,
            Total = pricing.Total,
            Lines = [.. pricing.Lines],
            CreatedAt = now,
            CorrelationId = correlationId,
            Reservations = shortSkus.Count == 0 ? new Dictionary<string, int>(quantities, StringComparer.Ordinal) : new(StringComparer.Ordinal),
        };

        if (shortSkus.Count == 0)
        {
            try
            {
                // The reminder first: once the 201 is out, a crash must not strand the order.
                await this.RegisterOrUpdateReminder(ResumeReminder, Workflow.ResumeCheckPeriod, Workflow.ResumeCheckPeriod);
                await MoveAsync(OrderStatus.Accepted, $"Accepted: priced with contract version {pricing.PriceListVersion}, all lines reserved.", correlationId);
            }
            catch
            {
                // Nothing was promised to the channel: give the stock back so a retry starts clean.
                await ReleaseAcceptedReservationsAsync(quantities.Keys);
                throw;
            }

            ArmWorkflow(Workflow.FirstStepDelay);
        }
        else
        {
            var detail = $"Insufficient available stock for: {string.Join(", ", shortSkus)}.";
            state.State.Exception = NewException(OrderExceptionTypes.StockConstrained, "reservation", 1, detail, correlationId);
            await MoveAsync(OrderStatus.OnHold, $"{OrderExceptionTypes.StockConstrained}: {detail}", correlationId);
        }

        LogSubmitted(logger, OrderId, submission.PartnerId, state.State.Status, correlationId);
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<OrderSnapshot?> GetAsync() => Task.FromResult(state.RecordExists ? Snapshot() : null);

    /// <inheritdoc />
    public async Task<OrderSnapshot> CancelAsync(string reason)
    {
        EnsureExists();
        if (state.State.Status == OrderStatus.Cancelled)
        {
            return Snapshot();
        }

        if (!OrderTransitions.CanCancel(state.State.Status))
        {
            throw InvalidTransition("cancel");
        }

        var correlationId = Correlation.Current;
        await StopWorkflowAsync();
        await CompensateDownstreamAsync(correlationId);
        await ReleaseReservationsAsync();
        state.State.Exception = null;
        await MoveAsync(OrderStatus.Cancelled, string.IsNullOrWhiteSpace(reason) ? "Cancelled; reservations released." : $"Cancelled: {reason}; reservations released.", correlationId);
        return Snapshot();
    }

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
                OutboundContext.ForStep(OrderId, OrderStep.CustomerCheck, correlationId), timeout.Token);
        }
        catch (Exception exception) when (exception is DownstreamUnavailableException or OperationCanceledException)
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

    /// <summary>Reserves every SKU or none: on any shortfall or failed call, what was reserved is released again.</summary>
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

    private async Task CompensateDownstreamAsync(string correlationId)
    {
        using var timeout = new CancellationTokenSource(Workflow.StepTimeout);
        if (state.State.WarehouseReference is not null)
        {
            await warehouse.CancelReleaseAsync(OrderId, OutboundContext.ForStep(OrderId, OrderStep.WarehouseCancel, correlationId), timeout.Token);
        }

        if (state.State.ErpReference is not null)
        {
            await erp.CancelOrderAsync(OrderId, OutboundContext.ForStep(OrderId, OrderStep.ErpCancel, correlationId), timeout.Token);
        }
    }

    private bool HasPendingStep() =>
        state.State.Exception is null && state.State.Status is OrderStatus.Accepted or OrderStatus.ErpCommitted;

    private void ArmWorkflow(TimeSpan dueTime)
    {
        _workflowTimer?.Dispose();
        _workflowTimer = this.RegisterGrainTimer(RunWorkflowAsync, new GrainTimerCreationOptions
        {
            DueTime = dueTime,
            Period = Workflow.StepRetryDelay,
            Interleave = false,
            KeepAlive = true,
        });
    }

    /// <summary>Stops the timer and drops the resume reminder: the order now waits on someone else.</summary>
    private async Task StopWorkflowAsync()
    {
        _workflowTimer?.Dispose();
        _workflowTimer = null;
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder)
        {
            return;
        }

        if (state.RecordExists && HasPendingStep())
        {
            // Usually the timer is already running; after a restart this is what resumes the order.
            if (_workflowTimer is null)
            {
                ArmWorkflow(TimeSpan.Zero);
            }
        }
        else
        {
            await StopWorkflowAsync();
        }
    }

    /// <summary>Runs pending steps until the order waits on the warehouse, or a step fails (the timer period retries it).</summary>
    private async Task RunWorkflowAsync(CancellationToken cancellationToken)
    {
        Correlation.Set(state.State.CorrelationId);
        while (HasPendingStep() && !cancellationToken.IsCancellationRequested)
        {
            var step = state.State.Status == OrderStatus.Accepted ? OrderStep.ErpCommit : OrderStep.WarehouseRelease;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(Workflow.StepTimeout);
                await RunStepAsync(step, timeout.Token);
                state.State.StepAttempts = 0;
                state.State.LastStepError = null;
            }
            catch (DownstreamRejectedException rejected)
            {
                await HoldAsync(step == OrderStep.ErpCommit ? OrderExceptionTypes.ErpRejected : OrderExceptionTypes.WarehouseRejected,
                    step, state.State.StepAttempts + 1, rejected.Reason);
            }
            catch (Exception failure) when (failure is DownstreamUnavailableException or OperationCanceledException or TimeoutException)
            {
                state.State.StepAttempts++;
                state.State.LastStepError = failure.Message;
                LogStepFailed(logger, OrderId, step, state.State.StepAttempts, failure.Message, state.State.CorrelationId);
                if (state.State.StepAttempts >= Workflow.MaxStepAttempts)
                {
                    await HoldAsync(step == OrderStep.ErpCommit ? OrderExceptionTypes.ErpUnavailable : OrderExceptionTypes.WarehouseUnavailable,
                        step, state.State.StepAttempts, failure.Message);
                }

                return;
            }
        }

        await StopWorkflowAsync();
    }

    private async Task RunStepAsync(string step, CancellationToken cancellationToken)
    {
        var context = OutboundContext.ForStep(OrderId, step, state.State.CorrelationId);
        if (step == OrderStep.ErpCommit)
        {
            var order = new ErpOrder(OrderId, state.State.PartnerId, state.State.CustomerId, state.State.ChannelOrderRef,
                state.State.PriceListVersion, state.State.Currency, state.State.Total,
                [.. state.State.Lines.Select(line => new ErpOrderLine(line.Sku, line.Quantity, line.UnitPrice))]);
            state.State.ErpReference = await erp.CommitOrderAsync(order, context, cancellationToken);
            await MoveAsync(OrderStatus.ErpCommitted, $"Committed in ERP as {state.State.ErpReference}.", state.State.CorrelationId);
        }
        else
        {
            var release = new WarehouseRelease(OrderId, state.State.CustomerId,
                [.. state.State.Lines.Select(line => new WarehouseReleaseLine(line.Sku, line.Quantity))]);
            state.State.WarehouseReference = await warehouse.ReleaseAsync(release, context, cancellationToken);
            await MoveAsync(OrderStatus.ReleasedToWarehouse, $"Released to warehouse as {state.State.WarehouseReference}.", state.State.CorrelationId);
        }
    }

    private async Task HoldAsync(string type, string step, int attempts, string error)
    {
        state.State.Exception = NewException(type, step, attempts, error, state.State.CorrelationId);
        await MoveAsync(OrderStatus.OnHold, $"{type} at {step} after {attempts} attempt(s): {error}", state.State.CorrelationId);
        await StopWorkflowAsync();
    }

    private OrderException NewException(string type, string step, int attempts, string error, string correlationId) =>
        new(Guid.CreateVersion7().ToString("N"), type, step, attempts, error, correlationId, clock.GetUtcNow());

    /// <summary>Records the transition on the timeline, persists it, then tells the event stream.</summary>
    private async Task MoveAsync(OrderStatus to, string detail, string correlationId)
    {
        var from = state.State.Timeline.Count == 0 ? (OrderStatus?)null : state.State.Status;
        var at = clock.GetUtcNow();
        state.State.Status = to;
        state.State.Timeline.Add(new TimelineEntry(at, from, to, correlationId, detail));
        await state.WriteOrDeactivateAsync(this);
        await this.PublishAsync(new OrderStatusChanged
        {
            EventId = EventPublisher.NewEventId(),
            At = at,
            CorrelationId = correlationId,
            OrderId = OrderId,
            PartnerId = state.State.PartnerId,
            From = from,
            Status = to,
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} from partner {PartnerId} captured as {Status} (correlation {CorrelationId})")]
    private static partial void LogSubmitted(ILogger logger, string orderId, string partnerId, OrderStatus status, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} step {Step} attempt {Attempt} failed: {Error} (correlation {CorrelationId})")]
    private static partial void LogStepFailed(ILogger logger, string orderId, string step, int attempt, string error, string correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: releasing reservations after a failed acceptance failed")]
    private static partial void LogCompensationFailed(ILogger logger, Exception exception, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: ERP customer check for {CustomerId} skipped, ERP unavailable (correlation {CorrelationId})")]
    private static partial void LogCustomerCheckSkipped(ILogger logger, Exception exception, string orderId, string customerId, string correlationId);
}
