using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Exceptions;

namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>
/// The order workflow as a pure decider: (record, command or step result, now) → (new record, effects).
/// No I/O and no clock of its own, so every rule (transitions, retries, SLAs, holds, replays, compensation)
/// is unit-tested with plain values. The grain loads the record, asks here, persists once, runs the effects.
/// </summary>
public static class OrderWorkflow
{
    /// <summary>Captures a priced order: Accepted when every line was reserved, else OnHold (StockConstrained).</summary>
    public static OrderDecision Capture(OrderCapture capture, WorkflowTimings timings, DateTimeOffset now)
    {
        var submission = capture.Submission;
        var pricing = capture.Pricing;
        var record = new OrderRecord
        {
            OrderId = capture.OrderId,
            PartnerId = submission.PartnerId,
            ChannelOrderRef = submission.ChannelOrderRef,
            CustomerId = submission.CustomerId,
            PriceListVersion = pricing.PriceListVersion,
            Currency = pricing.Currency,
            Total = pricing.Total,
            Lines = pricing.Lines,
            CreatedAt = now,
            CorrelationId = capture.CorrelationId,
            TraceParent = capture.TraceParent,
            IdempotencyKey = submission.IdempotencyKey,
            Fingerprint = submission.Fingerprint,
            KeyGeneration = submission.KeyGeneration,
        };

        var change = new Change(record, now);
        if (capture.Backordered is { Count: > 0 } backordered)
        {
            var reserved = capture.Quantities.Select(pair => KeyValuePair.Create(pair.Key, pair.Value - backordered.GetValueOrDefault(pair.Key)))
                .Where(pair => pair.Value > 0);
            change.State = change.State with { Reservations = Stock.Of(reserved), Backorders = Stock.Of(backordered) };
            change.Move(OrderStatus.Backordered,
                $"Backordered: priced with contract version {pricing.PriceListVersion}; waiting for {Units(backordered)}, the rest reserved.", capture.CorrelationId);
        }
        else if (capture.ShortSkus.Count == 0)
        {
            change.State = change.State with
            {
                Reservations = Stock.Of(capture.Quantities),
                NextAttemptAt = now + timings.FirstStepDelay,
            };
            change.StartSla(WorkflowSlas.ErpCommit, timings);
            change.Move(OrderStatus.Accepted, $"Accepted: priced with contract version {pricing.PriceListVersion}, all lines reserved.", capture.CorrelationId);
        }
        else
        {
            change.Hold(OrderExceptionTypes.StockConstrained, OrderSteps.Reservation, 1, Short(capture.ShortSkus), capture.CorrelationId);
        }

        change.State = change.State with
        {
            CapturedTimelineCount = change.State.Timeline.Count,
            CapturedException = change.State.Exception,
        };
        return change.Decision();
    }

    /// <summary>What a submission under this order's key means now.</summary>
    public static Resubmission Resubmit(OrderRecord record, string? fingerprint, WorkflowTimings timings, DateTimeOffset now) =>
        now >= record.CreatedAt + timings.IdempotencyRetention ? Resubmission.Expired
        : record.Fingerprint is null || record.Fingerprint == fingerprint ? Resubmission.Replay
        : Resubmission.DifferentBody;

    /// <summary>
    /// The step the order runs by itself now or later: the next forward step or, once a cancellation is under way,
    /// its next compensation (so one interrupted by a crash is finished after restart); null when it waits on someone else.
    /// </summary>
    public static WorkflowStep? PendingStep(OrderRecord record) =>
        record.IsHeld ? null
        : record.CancelReason is null ? WorkflowSteps.ForwardFrom(record.Status)
        : OrderTransitions.CanCancel(record.Status) ? NextCompensation(record)
        : null;

    /// <summary>When the order must next act by itself (a step, a retry, an SLA deadline), or null.</summary>
    public static DateTimeOffset? NextDue(OrderRecord record)
    {
        DateTimeOffset? due = PendingStep(record) is null ? null : record.NextAttemptAt ?? record.CreatedAt;
        if (record.SlaDeadline is { } deadline && record.SlaStep is not null && (due is null || deadline < due))
        {
            due = deadline;
        }

        return due;
    }

    /// <summary><see cref="NextDue"/>, or the order's expiry when that comes first.</summary>
    public static DateTimeOffset? NextDue(OrderRecord record, WorkflowTimings timings)
    {
        var due = NextDue(record);
        return ExpiresAt(record, timings) is { } expiry && (due is null || expiry < due) ? expiry : due;
    }

    /// <summary>
    /// When the sweeper must wake the order if it has not written since (its silo died): a while after its next
    /// step was due, or at its SLA deadline; null when it waits on someone else and no clock runs.
    /// </summary>
    public static DateTimeOffset? WakeAt(OrderRecord record, WorkflowTimings timings, DateTimeOffset now)
    {
        DateTimeOffset? wake = null;
        if (record.HasPendingStock)
        {
            wake = now + timings.ResumeAfter;
        }

        if (PendingStep(record) is not null)
        {
            var due = record.NextAttemptAt is { } next && next > now ? next : now;
            wake = Earliest(wake, due + timings.ResumeAfter);
        }

        if (record.SlaStep is not null && record.SlaDeadline is { } deadline)
        {
            wake = Earliest(wake, deadline);
        }

        if (ExpiresAt(record, timings) is { } expiry)
        {
            wake = Earliest(wake, expiry);
        }

        return wake;
    }

    /// <summary>Checks the running SLA clock: raises its warning once when it ran out and the step is still awaited.</summary>
    public static OrderDecision CheckSla(OrderRecord record, WorkflowTimings timings, DateTimeOffset now)
    {
        var sla = WorkflowSlas.ByKey(record.SlaStep);
        if (sla is null || record.SlaDeadline is not { } deadline || now < deadline)
        {
            return OrderDecision.Unchanged(record);
        }

        var change = new Change(record, now);
        change.State = change.State with { SlaDeadline = null };
        var stillAwaited = sla == WorkflowSlas.ErpCommit
            ? record.Status is OrderStatus.Accepted or OrderStatus.OnHold
            : record.Status == OrderStatus.ReleasedToWarehouse;
        if (stillAwaited && record.Exception is null)
        {
            // Done meanwhile, or already held for a more specific cause: no second exception for the same delay.
            var step = PendingStep(record);
            if (step?.Sla == sla && record.LastStepError is { } error)
            {
                // The step has been failing all along: waiting was the dependency's grace, and it ran out.
                change.State = change.State with { StepGiveUpAt = null };
                change.Hold(step.UnavailableType, step.Name, Math.Max(1, record.StepAttempts),
                    $"Not {sla.Awaited} within {sla.Within(timings)} (SLA); last error: {error}", Change.Caller);
            }
            else
            {
                change.RaiseAdvisory(sla.ExceptionType, OrderSteps.Sla(sla.Key), $"Not {sla.Awaited} within {sla.Within(timings)} (SLA).");
            }
        }

        return change.Decision();
    }

    /// <summary>Applies the result of a step's downstream call (a forward step, a replay, or a compensation).</summary>
    public static OrderDecision StepFinished(OrderRecord record, StepRun run, StepOutcome outcome, WorkflowTimings timings, DateTimeOffset now, string? correlationId = null)
    {
        var change = new Change(record, now) { CorrelationId = correlationId };
        var step = run.Step;
        if (step.Port is StepPort.WarehouseCancel or StepPort.ErpCancel)
        {
            if (outcome.Kind == StepOutcomeKind.Deferred)
            {
                // The dependency is known to be down: nothing was attempted, so nothing failed yet. Wait for it.
                change.State = change.State with { NextAttemptAt = now + StepBackoff.After(Math.Max(1, record.StepAttempts), record.OrderId, timings) };
                return change.Decision();
            }

            if (outcome.Kind != StepOutcomeKind.Succeeded)
            {
                var attempts = (run.Replaying?.Attempts ?? 0) + 1;
                change.Hold(OrderExceptionTypes.CompensationFailed, step.Name, attempts,
                    $"Cancellation ({record.CancelReason}) could not be completed: {outcome.Detail}", Change.Caller, run.Replaying);
                return change.Decision();
            }

            change.State = step.Port == StepPort.WarehouseCancel
                ? change.State with { WarehouseCancelled = true }
                : change.State with { ErpCancelled = true };
            change.ContinueCancellation();
            return change.Decision();
        }

        switch (outcome.Kind)
        {
            case StepOutcomeKind.Succeeded:
                if (run.Replaying is { } replayed)
                {
                    change.Withdraw(replayed);
                }

                change.Complete(step, outcome.Detail, string.Format(System.Globalization.CultureInfo.InvariantCulture, step.Done, outcome.Detail), timings);
                break;
            case StepOutcomeKind.Rejected:
                change.Hold(step.RejectedType, step.Name, (run.Replaying?.Attempts ?? record.StepAttempts) + 1, outcome.Detail, Change.Caller, run.Replaying);
                break;
            default:
                change.StepNotDone(step, run.Replaying, outcome, timings);
                break;
        }

        return change.Decision();
    }

    /// <summary>Applies the result of reserving a stock-constrained order again (all lines or none were reserved).</summary>
    public static OrderDecision Reserved(OrderRecord record, OrderException replaying, IReadOnlyDictionary<string, int> quantities, IReadOnlyList<string> shortSkus, WorkflowTimings timings, DateTimeOffset now, string? correlationId = null)
    {
        var change = new Change(record, now) { CorrelationId = correlationId };
        if (shortSkus.Count > 0)
        {
            change.Hold(replaying.Type, replaying.Step, replaying.Attempts + 1, Short(shortSkus), Change.Caller, replaying);
            return change.Decision();
        }

        change.Withdraw(replaying);
        change.State = change.State with
        {
            Exception = null,
            Reservations = Stock.Of(quantities),
            NextAttemptAt = now + timings.FirstStepDelay,
        };
        change.StartSla(WorkflowSlas.ErpCommit, timings);
        change.Move(OrderStatus.Accepted, "Accepted on retry: all lines reserved.", Change.Caller);
        return change.Decision();
    }

    /// <summary>
    /// A SKU filled <paramref name="filled"/> units of the backorder in all (<paramref name="waiting"/> still wait):
    /// they become reservations, and once nothing waits the order is Accepted and goes on. Returns the decision and
    /// whether the order holds the units (false: it no longer wants them, the SKU releases them).
    /// </summary>
    public static (OrderDecision Decision, bool Holds) BackorderFilled(OrderRecord record, string sku, int filled, int waiting, WorkflowTimings timings, DateTimeOffset now)
    {
        var known = record.BackorderFills.GetValueOrDefault(sku);
        if (filled <= known)
        {
            // A repeat: the units are the order's already (and released by it if it was cancelled since).
            return (OrderDecision.Unchanged(record), true);
        }

        if (record.Status != OrderStatus.Backordered || !record.Backorders.ContainsKey(sku) || record.CancelReason is not null)
        {
            return (OrderDecision.Unchanged(record), false);
        }

        var units = filled - known;
        var backorders = new Dictionary<string, int>(record.Backorders, StringComparer.Ordinal);
        if (waiting > 0)
        {
            backorders[sku] = waiting;
        }
        else
        {
            backorders.Remove(sku);
        }

        var change = new Change(record, now);
        change.State = change.State with
        {
            Reservations = Merge(record.Reservations, new Dictionary<string, int> { [sku] = units }),
            BackorderFills = Merge(record.BackorderFills, new Dictionary<string, int> { [sku] = units }),
            Backorders = backorders,
        };
        if (backorders.Count > 0)
        {
            change.Note($"Backorder filled: {units} of {sku} reserved; still waiting for {Units(backorders)}.");
        }
        else
        {
            change.State = change.State with { NextAttemptAt = now + timings.FirstStepDelay };
            change.StartSla(WorkflowSlas.ErpCommit, timings);
            change.Move(OrderStatus.Accepted, $"Backorder filled: {units} of {sku} reserved; all lines reserved.", Change.Caller);
        }

        return (change.Decision(), true);
    }

    /// <summary>
    /// When a backordered or held order expires (no timeline entry for <see cref="WorkflowTimings.HoldExpiry"/>);
    /// null when it cannot (it is not waiting, or expiry is off).
    /// </summary>
    public static DateTimeOffset? ExpiresAt(OrderRecord record, WorkflowTimings timings) =>
        timings.HoldExpiry > TimeSpan.Zero && record.CancelReason is null && (record.Status == OrderStatus.Backordered || record.IsHeld) && record.Timeline.Count > 0
            ? record.Timeline[^1].At + timings.HoldExpiry
            : null;

    /// <summary>Expires a backordered or held order that made no progress in time: cancelled, its stock released, with a timeline entry.</summary>
    public static OrderDecision CheckExpiry(OrderRecord record, WorkflowTimings timings, DateTimeOffset now)
    {
        if (ExpiresAt(record, timings) is not { } at || now < at)
        {
            return OrderDecision.Unchanged(record);
        }

        var change = new Change(record, now);
        change.Note($"Expired: no progress for {timings.HoldExpiry} while {record.Status}{(record.IsHeld ? $" ({record.Exception!.Type})" : "")}; its stock is released.");
        change.BeginCancellation($"expired after {timings.HoldExpiry} without progress");
        return change.Decision();
    }

    /// <summary>The inventory confirmed the stock the order gave back or deducted.</summary>
    public static OrderDecision StockConfirmed(OrderRecord record) =>
        record.HasPendingStock
            ? new OrderDecision(record with { PendingRelease = Stock.None, PendingDeduct = Stock.None, PendingBackorderCancel = Stock.None }, OrderEffects.None, true)
            : OrderDecision.Unchanged(record);

    /// <summary>Applies a carrier milestone; repeating one changes nothing.</summary>
    public static OrderDecision Shipment(OrderRecord record, ShipmentEvent shipment, string correlationId, DateTimeOffset now)
    {
        var status = record.Status;
        var tracking = $"carrier {shipment.Carrier ?? "n/a"}, tracking {shipment.TrackingNumber ?? "n/a"}";
        var change = new Change(record, now);
        switch (shipment.Milestone)
        {
            case ShipmentMilestone.Shipped when status is OrderStatus.Shipped or OrderStatus.Delivered:
            case ShipmentMilestone.Delivered when status is OrderStatus.Delivered:
                return OrderDecision.Unchanged(record);
            case ShipmentMilestone.Shipped when OrderTransitions.CanMove(status, OrderStatus.Shipped):
                change.State = change.State with { PendingDeduct = Merge(record.PendingDeduct, record.Reservations), Reservations = Stock.None };
                change.CloseAdvisory($"shipped ({tracking})");
                change.StopSla();
                change.Move(OrderStatus.Shipped, string.Format(System.Globalization.CultureInfo.InvariantCulture, WorkflowSteps.Shipment.Done, tracking), correlationId);
                return change.Decision();
            case ShipmentMilestone.Delivered when OrderTransitions.CanMove(status, OrderStatus.Delivered):
                change.Move(OrderStatus.Delivered, $"Delivered ({tracking}).", correlationId);
                return change.Decision();
            default:
                throw InvalidTransition(record, shipment.Milestone.ToString());
        }
    }

    /// <summary>
    /// Requests cancellation: stops the workflow and withdraws an open exception, then compensates what the
    /// warehouse and ERP already have (one step at a time, through <see cref="OrderEffects.RunNow"/>) and
    /// finally gives the stock back.
    /// </summary>
    public static OrderDecision Cancel(OrderRecord record, string reason, string correlationId, DateTimeOffset now)
    {
        if (record.Status == OrderStatus.Cancelled)
        {
            return OrderDecision.Unchanged(record);
        }

        if (!OrderTransitions.CanCancel(record.Status))
        {
            throw InvalidTransition(record, "cancel");
        }

        var change = new Change(record, now) { CorrelationId = correlationId };
        change.BeginCancellation(reason);
        return change.Decision();
    }

    /// <summary>Replays the failed step of the open exception (an operator's retry).</summary>
    public static OrderDecision Retry(OrderRecord record, string exceptionId, string actor, string? note, string correlationId, WorkflowTimings timings, DateTimeOffset now)
    {
        var open = OpenException(record, exceptionId);
        if (ExceptionRules.ForRetry(open.Step) == ResolutionPlan.NotAllowed)
        {
            throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.NotRetryable,
                $"{open.Type} at {open.Step} has no step to replay; resolve it instead.");
        }

        var change = new Change(record, now) { CorrelationId = correlationId };
        change.Note($"Retry of {open.Type} requested by {actor}{Because(note)}.");
        change.RunFailedStepAgain(open);
        return change.Decision();
    }

    /// <summary>Resolves the open exception by hand: cancel, skip the step (done by hand), or release the hold.</summary>
    public static OrderDecision Resolve(OrderRecord record, string exceptionId, ExceptionAction action, string actor, string? note, string correlationId, WorkflowTimings timings, DateTimeOffset now)
    {
        var open = OpenException(record, exceptionId);
        var plan = ExceptionRules.ForResolution(open.Step, action);
        var verb = action.ToString().ToLowerInvariant();
        var decision = $"{open.Type} resolved by {actor}: {verb}{Because(note)}.";
        var change = new Change(record, now) { CorrelationId = correlationId };
        switch (plan)
        {
            case ResolutionPlan.NotAllowed:
                throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.ResolutionNotAllowed,
                    $"'{action}' is not possible for {open.Type} at {open.Step}.");
            case ResolutionPlan.Cancel:
                change.Note(decision);
                change.BeginCancellation($"{verb} by {actor}{Because(note)}");
                break;
            case ResolutionPlan.RunFailedStepAgain:
                change.Note(decision);
                change.RunFailedStepAgain(open);
                break;
            case ResolutionPlan.Acknowledge:
                change.Withdraw(open);
                change.State = change.State with { Exception = null };
                change.Note(decision);
                break;
            case ResolutionPlan.FinishCancellation:
                change.Withdraw(open);
                change.State = change.State with { Exception = null };
                change.Note(decision);
                change.FinishCancellation();
                break;
            default:
                change.Withdraw(open);
                change.State = change.State with { Exception = null };
                change.Note(decision);
                var step = WorkflowSteps.ByName(open.Step) ?? WorkflowSteps.WarehouseRelease;
                var reference = step == WorkflowSteps.ErpCommit ? record.ErpReference : record.WarehouseReference;
                var done = step == WorkflowSteps.ErpCommit ? "Committed in ERP by hand (step skipped)." : "Released to warehouse by hand (step skipped).";
                change.Complete(step, reference ?? "manual", done, timings);
                break;
        }

        return change.Decision();
    }

    private static OrderException OpenException(OrderRecord record, string exceptionId) =>
        record.Exception is { } open && open.ExceptionId == exceptionId
            ? open
            : throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.ExceptionNotFound,
                $"Exception '{exceptionId}' is not open (already resolved, or never raised).");

    private static RuleViolationException InvalidTransition(OrderRecord record, string action) =>
        new(RuleViolationKind.Conflict, RuleCodes.InvalidTransition,
            $"Order '{record.OrderId}' is {record.Status}; '{action}' is not allowed in that status.");

    /// <summary>What a cancellation still has to undo downstream: the warehouse release first, then the ERP order, each once.</summary>
    private static WorkflowStep? NextCompensation(OrderRecord record) =>
        record.WarehouseReference is not null && !record.WarehouseCancelled ? WorkflowSteps.WarehouseCancel
        : record.ErpReference is not null && !record.ErpCancelled ? WorkflowSteps.ErpCancel
        : null;

    private static string Units(IReadOnlyDictionary<string, int> bySku) => string.Join(", ", bySku.Select(pair => $"{pair.Value} of {pair.Key}"));

    private static string Short(IReadOnlyList<string> skus) => $"Insufficient available stock for: {string.Join(", ", skus)}.";

    private static string Because(string? note) => string.IsNullOrWhiteSpace(note) ? "" : $" — {note}";

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value < b ? value : b;

    private static IReadOnlyDictionary<string, int> Merge(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b)
    {
        if (a.Count == 0)
        {
            return b;
        }

        var merged = new Dictionary<string, int>(a, StringComparer.Ordinal);
        foreach (var (sku, quantity) in b)
        {
            merged[sku] = merged.GetValueOrDefault(sku) + quantity;
        }

        return merged;
    }

    /// <summary>One decision being built: the record so far, and the effects it collected.</summary>
    private sealed class Change(OrderRecord state, DateTimeOffset now)
    {
        /// <summary>Marker: use the correlation ID of the command (or the order's own).</summary>
        public const string? Caller = null;

        private readonly List<TimelineEntry> _announce = [];
        private readonly List<OrderException> _withdraw = [];
        private OrderException? _file;
        private StepRun? _runNow;
        private IReadOnlyDictionary<string, int>? _reserveNow;
        private OrderException? _reserveReplaying;

        public OrderRecord State { get; set; } = state;

        /// <summary>Correlation ID of the command being decided; the order's own when the order acts by itself.</summary>
        public string? CorrelationId { get; init; }

        private string Correlation(string? explicitId) => explicitId ?? CorrelationId ?? State.CorrelationId;

        public OrderDecision Decision() => new(State, new OrderEffects
        {
            Announce = _announce,
            Withdraw = _withdraw,
            File = _file,
            RunNow = _runNow,
            ReserveNow = _reserveNow,
            ReserveReplaying = _reserveReplaying,
        }, true);

        /// <summary>Moves to a status through the transition table (the same status is a note) and records it.</summary>
        public void Move(OrderStatus to, string detail, string? correlationId = Caller)
        {
            var first = State.Timeline.Count == 0;
            if (!first && to != State.Status && !OrderTransitions.CanMove(State.Status, to))
            {
                throw new InvalidOperationException($"Workflow bug: order {State.OrderId} cannot move from {State.Status} to {to}.");
            }

            var entry = new TimelineEntry(now, first ? null : State.Status, to, Correlation(correlationId), detail);
            State = State with { Status = to, Timeline = [.. State.Timeline, entry] };
            _announce.Add(entry);
        }

        /// <summary>Records a note: a timeline entry that keeps the status.</summary>
        public void Note(string detail) => Move(State.Status, detail);

        public void Withdraw(OrderException exception)
        {
            if (!_withdraw.Contains(exception))
            {
                _withdraw.Add(exception);
            }

            if (_file?.ExceptionId == exception.ExceptionId)
            {
                _file = null;
            }
        }

        public void StartSla(WorkflowSla sla, WorkflowTimings timings) =>
            State = State with { SlaStep = sla.Key, SlaDeadline = now + sla.Within(timings) };

        public void StopSla() => State = State with { SlaStep = null, SlaDeadline = null };

        /// <summary>Puts the order on hold for a business cause; the exception goes to its queue.</summary>
        public void Hold(string type, string step, int attempts, string error, string? correlationId, OrderException? replaying = null)
        {
            var previous = State.Exception ?? replaying;
            if (previous is not null && previous.Type != type)
            {
                Withdraw(previous);
            }

            var exception = NewException(type, step, attempts, error, Correlation(correlationId), replaying?.ExceptionId ?? State.Exception?.ExceptionId);
            State = State with
            {
                Exception = exception,
                HeldFrom = State.Status == OrderStatus.OnHold && State.Timeline.Count > 0 ? State.HeldFrom : State.Status,
                NextAttemptAt = null,
            };
            Move(OrderStatus.OnHold, $"{type} at {step} after {attempts} attempt(s): {error}", correlationId);
            _file = exception;
        }

        /// <summary>Files a warning (SLA) without holding the order: its status stays, the workflow goes on.</summary>
        public void RaiseAdvisory(string type, string step, string error)
        {
            var exception = NewException(type, step, 1, error, State.CorrelationId, null);
            State = State with { Exception = exception };
            Move(State.Status, $"{type} raised: {error}", State.CorrelationId);
            _file = exception;
        }

        /// <summary>Closes an SLA warning once the awaited step happened after all.</summary>
        public void CloseAdvisory(string why)
        {
            if (State.Exception is { } open && OrderSteps.IsAdvisory(open.Step))
            {
                Withdraw(open);
                State = State with { Exception = null };
                Move(State.Status, $"{open.Type} closed: {why}.", State.CorrelationId);
            }
        }

        /// <summary>
        /// A forward step failed as unavailable, or was deferred because its dependency's circuit is open. The order
        /// waits and tries again with backoff (a deferral is not an attempt); it becomes an exception for a person
        /// only when the step's give-up time passes (for the ERP commit: its SLA deadline). A replay that meets an
        /// unavailable dependency joins this wait instead of failing into the same exception again.
        /// </summary>
        public void StepNotDone(WorkflowStep step, OrderException? replaying, StepOutcome outcome, WorkflowTimings timings)
        {
            if (replaying is not null)
            {
                Withdraw(replaying);
                Note($"Replay of {replaying.Type} waits for the dependency: {outcome.Detail}");
            }

            var failures = State.StepAttempts + (outcome.Kind == StepOutcomeKind.Deferred ? 0 : 1);
            // A replay is a person's decision to try again: it gets the step's whole grace once more.
            var giveUpAt = State.StepGiveUpAt
                ?? (replaying is not null ? now + (step.GiveUpWithin?.Invoke(timings) ?? TimeSpan.Zero) : GiveUpAt(step, timings));
            if (now >= giveUpAt)
            {
                State = State with { StepAttempts = failures, LastStepError = outcome.Detail, StepGiveUpAt = null };
                Hold(step.UnavailableType, step.Name, Math.Max(1, failures), outcome.Detail, Caller);
                return;
            }

            State = State with
            {
                StepAttempts = failures,
                LastStepError = outcome.Detail,
                NextAttemptAt = now + StepBackoff.After(Math.Max(1, failures), State.OrderId, timings),
                StepGiveUpAt = giveUpAt,
            };
        }

        /// <summary>The step's SLA deadline when its clock runs, else its give-up window from now.</summary>
        private DateTimeOffset GiveUpAt(WorkflowStep step, WorkflowTimings timings)
        {
            if (step.Sla is { } sla && State.SlaStep == sla.Key && State.SlaDeadline is { } deadline)
            {
                return deadline;
            }

            if (step.Sla is { } own && State.Exception is { } warning && warning.Step == OrderSteps.Sla(own.Key))
            {
                // Its SLA already ran out (a warning is open): the first failure is the one a person must see.
                return now;
            }

            return step.GiveUpWithin is { } within ? now + within(timings) : now;
        }

        /// <summary>A forward step is done: record its reference, stop or start SLA clocks, move on.</summary>
        public void Complete(WorkflowStep step, string reference, string detail, WorkflowTimings timings)
        {
            State = State with { StepAttempts = 0, LastStepError = null, NextAttemptAt = now, StepGiveUpAt = null };
            if (step == WorkflowSteps.ErpCommit)
            {
                State = State with { ErpReference = reference };
                CloseAdvisory("committed in the ERP");
                StopSla();
            }
            else
            {
                State = State with { WarehouseReference = reference, NextAttemptAt = null };
                StartSla(WorkflowSlas.Shipment, timings);
            }

            Move(step.To, detail, State.CorrelationId);
        }

        /// <summary>Replays the step the exception was raised at.</summary>
        public void RunFailedStepAgain(OrderException open)
        {
            if (OrderSteps.IsCompensation(open.Step))
            {
                Withdraw(open);
                State = State with { Exception = null };
                ContinueCancellation(open);
                return;
            }

            if (open.Step == OrderSteps.Reservation)
            {
                _reserveNow = Stock.Of(State.Lines);
                _reserveReplaying = open;
                return;
            }

            var step = WorkflowSteps.ByName(open.Step) ?? throw new InvalidOperationException($"No step '{open.Step}' to replay.");
            State = State with { Exception = null, StepAttempts = 0, NextAttemptAt = null, StepGiveUpAt = null };
            Move(step.From, $"Resumed at {open.Step}.");
            _runNow = new StepRun(step, open);
        }

        public void BeginCancellation(string reason)
        {
            if (State.Exception is { } open)
            {
                // Cancelling supersedes whatever the order was held for.
                Withdraw(open);
            }

            State = State with { Exception = null, NextAttemptAt = null, CancelReason = reason };
            StopSla();
            ContinueCancellation();
        }

        /// <summary>The next compensation (warehouse first, then ERP, each once), or the end of the cancellation.</summary>
        public void ContinueCancellation(OrderException? replaying = null)
        {
            if (NextCompensation(State) is { } compensation)
            {
                _runNow = new StepRun(compensation, replaying);
            }
            else
            {
                FinishCancellation();
            }
        }

        public void FinishCancellation()
        {
            var reason = State.CancelReason;
            State = State with
            {
                PendingRelease = Merge(State.PendingRelease, State.Reservations),
                Reservations = Stock.None,
                PendingBackorderCancel = State.Backorders.Count == 0 ? State.PendingBackorderCancel
                    : Merge(State.PendingBackorderCancel, State.Backorders.ToDictionary(pair => pair.Key, pair => State.BackorderFills.GetValueOrDefault(pair.Key), StringComparer.Ordinal)),
                Backorders = Stock.None,
                NextAttemptAt = null,
            };
            Move(OrderStatus.Cancelled, string.IsNullOrWhiteSpace(reason) ? "Cancelled; reservations released." : $"Cancelled ({reason}); reservations released.");
        }

        private OrderException NewException(string type, string step, int attempts, string error, string correlationId, string? exceptionId)
        {
            if (exceptionId is null)
            {
                State = State with { ExceptionCount = State.ExceptionCount + 1 };
            }

            return new OrderException(exceptionId ?? ExceptionIds.For(State.OrderId, State.ExceptionCount), type, step, attempts, error, correlationId, now);
        }
    }
}
