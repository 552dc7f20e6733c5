using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Exceptions;
using OrleansDistribution.Domain.Orders;
using OrleansDistribution.Grains.Workflow;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Grains.Orders;

/// <summary>Exceptions of one order: holding it, retries, manual resolution, cancellation with compensation.</summary>
public sealed partial class OrderGrain
{
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
        await StopSlaClockAsync();
        if (state.State.Exception is { } open)
        {
            // Cancelling supersedes whatever the order was held for.
            await DequeueAsync(open);
            state.State.Exception = null;
        }

        state.State.CancelReason = reason;
        await FinishCancellationAsync(compensate: true, correlationId);
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<RetryOutcome> RetryExceptionAsync(string exceptionId, string actor, string? note)
    {
        var open = OpenException(exceptionId);
        if (ExceptionRules.ForRetry(open.Step) == ResolutionPlan.NotAllowed)
        {
            throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.NotRetryable,
                $"{open.Type} at {open.Step} has no step to replay; resolve it instead.");
        }

        var correlationId = Correlation.Current;
        await RecordAsync(state.State.Status, $"Retry of {open.Type} requested by {actor}{Because(note)}.", correlationId);
        var succeeded = await RunFailedStepAgainAsync(open, correlationId);
        return new RetryOutcome(exceptionId, OrderId, succeeded, state.State.Status,
            succeeded ? $"{open.Step} succeeded; order is {state.State.Status}." : state.State.Exception?.LastError ?? "failed");
    }

    /// <inheritdoc />
    public async Task<OrderSnapshot> ResolveExceptionAsync(string exceptionId, ExceptionAction action, string actor, string? note)
    {
        var open = OpenException(exceptionId);
        var plan = ExceptionRules.ForResolution(open.Step, action);
        var correlationId = Correlation.Current;
        var decision = $"{open.Type} resolved by {actor}: {action.ToString().ToLowerInvariant()}{Because(note)}.";
        switch (plan)
        {
            case ResolutionPlan.NotAllowed:
                throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.ResolutionNotAllowed,
                    $"'{action}' is not possible for {open.Type} at {open.Step}.");
            case ResolutionPlan.Cancel:
                await RecordAsync(state.State.Status, decision, correlationId);
                return await CancelAsync($"{action.ToString().ToLowerInvariant()} by {actor}{Because(note)}");
            case ResolutionPlan.RunFailedStepAgain:
                await RecordAsync(state.State.Status, decision, correlationId);
                await RunFailedStepAgainAsync(open, correlationId);
                return Snapshot();
            case ResolutionPlan.Acknowledge:
                await DequeueAsync(open);
                state.State.Exception = null;
                await RecordAsync(state.State.Status, decision, correlationId);
                return Snapshot();
            case ResolutionPlan.FinishCancellation:
                await DequeueAsync(open);
                state.State.Exception = null;
                await RecordAsync(state.State.Status, decision, correlationId);
                await FinishCancellationAsync(compensate: false, correlationId);
                return Snapshot();
            default:
                await ContinueAfterFailedStepAsync(open, decision);
                return Snapshot();
        }
    }

    /// <summary>Puts the order on hold for a business cause and files the exception in its queue.</summary>
    private async Task HoldAsync(string type, string step, int attempts, string error, string correlationId, string? exceptionId = null)
    {
        if (state.State.Exception is { } previous && previous.Type != type)
        {
            await DequeueAsync(previous);
        }

        var exception = NewException(type, step, attempts, error, correlationId, exceptionId ?? state.State.Exception?.ExceptionId);
        state.State.Exception = exception;
        if (state.State.Status != OrderStatus.OnHold)
        {
            state.State.HeldFrom = state.State.Status;
        }

        await MoveAsync(OrderStatus.OnHold, $"{type} at {step} after {attempts} attempt(s): {error}", correlationId);
        await StopWorkflowAsync();
        await EnqueueAsync(exception);
    }

    /// <summary>Files a warning (SLA) without holding the order: its status stays, the workflow goes on.</summary>
    private async Task RaiseAdvisoryAsync(string type, string step, string error)
    {
        var exception = NewException(type, step, 1, error, state.State.CorrelationId, null);
        state.State.Exception = exception;
        await RecordAsync(state.State.Status, $"{type} raised: {error}", state.State.CorrelationId);
        await EnqueueAsync(exception);
    }

    /// <summary>Closes an SLA warning once the awaited step happened after all.</summary>
    private async Task CloseAdvisoryExceptionAsync(string why)
    {
        if (state.State.Exception is { } open && OrderSteps.IsAdvisory(open.Step))
        {
            state.State.Exception = null;
            await DequeueAsync(open);
            state.State.Timeline.Add(new TimelineEntry(clock.GetUtcNow(), state.State.Status, state.State.Status, state.State.CorrelationId,
                $"{open.Type} closed: {why}."));
        }
    }

    /// <summary>Replays the step the exception was raised at; true when it succeeded.</summary>
    private async Task<bool> RunFailedStepAgainAsync(OrderException open, string correlationId)
    {
        if (OrderSteps.IsCompensation(open.Step))
        {
            await DequeueAsync(open);
            state.State.Exception = null;
            await FinishCancellationAsync(compensate: true, correlationId, attemptsSoFar: open.Attempts);
            return state.State.Status == OrderStatus.Cancelled;
        }

        if (open.Step == OrderSteps.Reservation)
        {
            var shortSkus = await ReserveAllAsync(OrderLines.QuantityBySku(state.State.Lines.Select(line => new OrderLineRequest(line.Sku, line.Quantity))));
            if (shortSkus.Count > 0)
            {
                await HoldAsync(open.Type, open.Step, open.Attempts + 1, $"Insufficient available stock for: {string.Join(", ", shortSkus)}.", correlationId, open.ExceptionId);
                return false;
            }

            state.State.Reservations = OrderLines.QuantityBySku(state.State.Lines.Select(line => new OrderLineRequest(line.Sku, line.Quantity)))
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            await DequeueAsync(open);
            state.State.Exception = null;
            StartSlaClock(OrderSteps.ErpCommit, Workflow.ErpCommitWithin);
            await MoveAsync(OrderStatus.Accepted, "Accepted on retry: all lines reserved.", correlationId);
            await ArmSlaReminderAsync();
            await ResumeWorkflowAsync();
            return true;
        }

        // An ERP or warehouse step: back to where it stopped, one attempt now, the timer does the rest.
        var resumeAt = open.Step == OrderSteps.ErpCommit ? OrderStatus.Accepted : OrderStatus.ErpCommitted;
        state.State.Exception = null;
        state.State.StepAttempts = 0;
        await MoveAsync(resumeAt, $"Resumed at {open.Step}.", correlationId);
        Correlation.Set(state.State.CorrelationId);
        var failure = await TryStepAsync(open.Step, CancellationToken.None);
        if (failure is null)
        {
            await DequeueAsync(open);
            if (HasPendingStep())
            {
                await ResumeWorkflowAsync();
            }

            return true;
        }

        var type = failure is DownstreamRejectedException ? RejectedType(open.Step) : UnavailableType(open.Step);
        var error = failure is DownstreamRejectedException rejected ? rejected.Reason : failure.Message;
        await HoldAsync(type, open.Step, open.Attempts + 1, error, correlationId, open.ExceptionId);
        return false;
    }

    /// <summary>The operator did the failed step by hand: record it as done and continue after it.</summary>
    private async Task ContinueAfterFailedStepAsync(OrderException open, string decision)
    {
        await DequeueAsync(open);
        state.State.Exception = null;
        state.State.Timeline.Add(new TimelineEntry(clock.GetUtcNow(), state.State.Status, state.State.Status, Correlation.Current, decision));
        if (open.Step == OrderSteps.ErpCommit)
        {
            state.State.ErpReference ??= "manual";
            await CompleteErpCommitAsync("Committed in ERP by hand (step skipped).");
            await ResumeWorkflowAsync();
        }
        else
        {
            state.State.WarehouseReference ??= "manual";
            await CompleteWarehouseReleaseAsync("Released to warehouse by hand (step skipped).");
        }
    }

    /// <summary>
    /// Cancels what downstream systems already have (WMS first, then ERP; each once), then releases stock and
    /// marks the order Cancelled. A failed compensation holds the order with CompensationFailed instead.
    /// </summary>
    private async Task FinishCancellationAsync(bool compensate, string correlationId, int attemptsSoFar = 0)
    {
        if (compensate)
        {
            using var timeout = new CancellationTokenSource(Workflow.StepTimeout);
            var step = OrderSteps.WarehouseCancel;
            try
            {
                if (state.State.WarehouseReference is not null && !state.State.WarehouseCancelled)
                {
                    await warehouse.CancelReleaseAsync(OrderId, OutboundContext.ForStep(OrderId, step, correlationId), timeout.Token);
                    state.State.WarehouseCancelled = true;
                }

                step = OrderSteps.ErpCancel;
                if (state.State.ErpReference is not null && !state.State.ErpCancelled)
                {
                    await erp.CancelOrderAsync(OrderId, OutboundContext.ForStep(OrderId, step, correlationId), timeout.Token);
                    state.State.ErpCancelled = true;
                }
            }
            catch (Exception failure) when (failure is DownstreamUnavailableException or DownstreamRejectedException or OperationCanceledException)
            {
                var error = failure is DownstreamRejectedException rejected ? rejected.Reason : failure.Message;
                await HoldAsync(OrderExceptionTypes.CompensationFailed, step, attemptsSoFar + 1,
                    $"Cancellation ({state.State.CancelReason}) could not be completed: {error}", correlationId);
                return;
            }
        }

        await ReleaseReservationsAsync();
        var reason = state.State.CancelReason;
        await MoveAsync(OrderStatus.Cancelled, string.IsNullOrWhiteSpace(reason) ? "Cancelled; reservations released." : $"Cancelled ({reason}); reservations released.", correlationId);
    }

    private OrderException OpenException(string exceptionId)
    {
        EnsureExists();
        return state.State.Exception is { } open && open.ExceptionId == exceptionId
            ? open
            : throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.ExceptionNotFound,
                $"Exception '{exceptionId}' is not open (already resolved, or never raised).");
    }

    private OrderException NewException(string type, string step, int attempts, string error, string correlationId, string? exceptionId)
    {
        if (exceptionId is null)
        {
            state.State.ExceptionCount++;
        }

        return new OrderException(exceptionId ?? ExceptionIds.For(OrderId, state.State.ExceptionCount), type, step, attempts, error, correlationId, clock.GetUtcNow());
    }

    private Task EnqueueAsync(OrderException exception) =>
        GrainFactory.GetGrain<IExceptionQueueGrain>(exception.Type).AddAsync(new ExceptionEntry(
            exception.ExceptionId, OrderId, state.State.PartnerId, exception.Type, exception.Step, exception.Attempts,
            exception.LastError, exception.CorrelationId, exception.RaisedAt));

    private Task DequeueAsync(OrderException exception) =>
        GrainFactory.GetGrain<IExceptionQueueGrain>(exception.Type).RemoveAsync(exception.ExceptionId);

    private static string Because(string? note) => string.IsNullOrWhiteSpace(note) ? "" : $" — {note}";
}
