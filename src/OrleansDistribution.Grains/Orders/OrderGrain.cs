using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Domain.Orders;
using OrleansDistribution.Domain.Orders.Workflow;
using OrleansDistribution.Domain.Pricing;
using OrleansDistribution.Grains.Events;
using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Grains.Storage;
using OrleansDistribution.Grains.Telemetry;
using OrleansDistribution.Grains.Workflow;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Grains.Orders;

/// <summary>
/// One order: a shell over the workflow decider (<see cref="OrderWorkflow"/>). Every command loads nothing
/// new (the record lives in memory), asks the decider, persists the new record once, then runs the effects:
/// exception queues, status events, the next step on a grain timer. Capture is the one synchronous path:
/// partner terms in one call, one reservation call per SKU, one write; the order is its own idempotency record.
/// </summary>
public sealed partial class OrderGrain(
    [PersistentState(OrderGrain.StateName, DistributionNames.Storage)] IPersistentState<OrderState> state,
    StepRunner steps,
    CustomerStandingCache customers,
    EventOutbox events,
    IOptions<WorkflowOptions> workflowOptions,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IRemindable
{
    /// <summary>Name of the order's persistent state (the sweeper asks the pending-work index for it).</summary>
    public const string StateName = "order";

    /// <summary>Names of the per-order reminders earlier versions registered; they are dropped when they fire.</summary>
    private static readonly string[] LegacyReminders = ["resume-workflow", "sla"];

    private readonly WorkflowTimings _timings = workflowOptions.Value.Timings;
    private OrderRecord? _record;
    private IGrainTimer? _timer;
    private bool _stockFailed;

    private string OrderId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            return;
        }

        _record = state.State.ToRecord(OrderId);

        // Queue registration happens after the state write; if the silo died in between, do it now (idempotent).
        if (_record.Exception is { } open)
        {
            await EnqueueAsync(open);
        }

        await SettleStockAsync();
        Schedule(mayDeactivate: false);
    }

    /// <inheritdoc />
    public async Task<IntakeResult> SubmitAsync(OrderSubmission submission)
    {
        var now = clock.GetUtcNow();
        if (_record is { } existing)
        {
            switch (submission.IdempotencyKey is null ? Resubmission.Replay : OrderWorkflow.Resubmit(existing, submission.Fingerprint, _timings, now))
            {
                case Resubmission.DifferentBody:
                    throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.IdempotencyKeyReused,
                        "This Idempotency-Key was already used with a different request body.");
                case Resubmission.Expired:
                    // The key is free again: the submission is a new order, under the key's next generation.
                    var next = submission with { KeyGeneration = existing.KeyGeneration + 1 };
                    return await GrainFactory.GetGrain<IOrderGrain>(OrderIds.For(submission.PartnerId, submission.IdempotencyKey!, next.KeyGeneration))
                        .SubmitAsync(next);
                default:
                    return new IntakeResult(OrderSnapshots.FirstResponse(existing), Replayed: true);
            }
        }

        var correlationId = Correlation.Current;
        var quantities = OrderLines.QuantityBySku(submission.Lines);
        var (pricing, policy) = await PriceAsync(submission, quantities);
        await EnsureCustomerActiveAsync(submission, correlationId);

        var partnerId = submission.PartnerId;
        var reservation = policy is { Allocation: AllocationMode.AllowBackorder }
            ? await AllocateAllAsync(quantities, partnerId, policy)
            : await ReserveAllAsync(quantities, partnerId, policy);
        if (reservation.Unknown.Count > 0)
        {
            await GiveBackAsync(reservation.Reserved, partnerId, reservation.Backordered);
            throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.UnknownSku,
                $"Unknown SKU: {string.Join(", ", reservation.Unknown)}.");
        }

        if (reservation.Short.Count > 0)
        {
            // All or nothing: give back what was reserved before the order is captured on hold.
            await ReleaseReservedAsync(reservation.Reserved, partnerId);
        }

        var decision = OrderWorkflow.Capture(
            new OrderCapture(OrderId, submission, pricing, quantities, reservation.Short, correlationId, System.Diagnostics.Activity.Current?.Id,
                reservation.Backordered),
            _timings, now);
        IReadOnlyList<OrderStatusChanged> announced;
        try
        {
            announced = await PersistAsync(decision.State, decision.Effects);
        }
        catch
        {
            // Nothing was promised to the channel: give the stock back so a retry starts clean.
            if (reservation.Short.Count == 0)
            {
                await GiveBackAsync(reservation.Reserved, partnerId, reservation.Backordered);
            }

            throw;
        }

        foreach (var sku in reservation.Reserved.Select(pair => pair.Key).Union(reservation.Backordered.Keys))
        {
            GrainFactory.GetGrain<IInventoryGrain>(sku).SettleAsync(OrderId).Ignore();
        }

        await RunEffectsAsync(decision.Effects, announced);
        Schedule();
        LogCaptured(logger, OrderId, submission.PartnerId, _record!.Status, correlationId);
        return new IntakeResult(OrderSnapshots.Of(_record), Replayed: false);
    }

    /// <inheritdoc />
    public Task<OrderSnapshot?> GetAsync() => Task.FromResult(_record is null ? null : OrderSnapshots.Of(_record));

    /// <inheritdoc />
    public async Task<OrderSnapshot> RecordShipmentAsync(ShipmentEvent shipment)
    {
        await DecideAsync(OrderWorkflow.Shipment(Existing(), shipment, Correlation.Current, clock.GetUtcNow()));
        return OrderSnapshots.Of(_record!);
    }

    /// <inheritdoc />
    public async Task<OrderSnapshot> CancelAsync(string reason)
    {
        await DecideAsync(OrderWorkflow.Cancel(Existing(), reason, Correlation.Current, clock.GetUtcNow()));
        return OrderSnapshots.Of(_record!);
    }

    /// <inheritdoc />
    public async Task<RetryOutcome> RetryExceptionAsync(string exceptionId, string actor, string? note)
    {
        var step = Existing().Exception?.Step;
        await DecideAsync(OrderWorkflow.Retry(Existing(), exceptionId, actor, note, Correlation.Current, _timings, clock.GetUtcNow()));
        var record = _record!;
        if (record.IsHeld)
        {
            return new RetryOutcome(exceptionId, OrderId, false, record.Status, record.Exception?.LastError ?? "failed");
        }

        // Not held: done, or handed back to the workflow because the dependency is still unavailable.
        var waiting = OrderWorkflow.PendingStep(record)?.Name == step && record.LastStepError is not null;
        return new RetryOutcome(exceptionId, OrderId, true, record.Status, waiting
            ? $"{step} waits for the dependency ({record.LastStepError}); the order goes on by itself when it answers."
            : $"{step} succeeded; order is {record.Status}.");
    }

    /// <inheritdoc />
    public async Task<OrderSnapshot> ResolveExceptionAsync(string exceptionId, ExceptionAction action, string actor, string? note)
    {
        await DecideAsync(OrderWorkflow.Resolve(Existing(), exceptionId, action, actor, note, Correlation.Current, _timings, clock.GetUtcNow()));
        return OrderSnapshots.Of(_record!);
    }

    /// <inheritdoc />
    public async Task WakeAsync()
    {
        if (_record is null)
        {
            return;
        }

        var wroteBefore = state.Etag;
        await AdvanceAsync(CancellationToken.None);
        if (state.Etag == wroteBefore && state.State.WakeAt is { } wake && wake <= clock.GetUtcNow())
        {
            // Nothing to do right now (e.g. waiting for a retry): move the wake time on so the sweeper stops asking.
            await PersistAsync(_record);
        }
    }

    /// <inheritdoc />
    public Task<StockHold> GetStockHoldAsync(string sku) => Task.FromResult(_record?.HoldOn(sku) ?? StockHold.Nothing);

    /// <inheritdoc />
    public async Task<bool> BackorderFilledAsync(string sku, int filled, int waiting)
    {
        if (_record is null)
        {
            return false;
        }

        var (decision, holds) = OrderWorkflow.BackorderFilled(_record, sku, filled, waiting, _timings, clock.GetUtcNow());
        if (decision.Changed)
        {
            Correlation.Set(_record.CorrelationId);
            await DecideAsync(decision);
        }

        return holds;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Orders no longer hold reminders (the sweeper covers them); one left from an earlier version wakes the order once.
        if (LegacyReminders.Contains(reminderName) && await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await WakeAsync();
    }

    /// <summary>
    /// Prices the lines with the partner's current contract and checks them against its inventory policy, in one
    /// call to the partner; returns the pricing and the policy (null: the default) the reservations are made under.
    /// </summary>
    private async Task<(PricingResult Pricing, InventoryPolicy? Policy)> PriceAsync(OrderSubmission submission, IReadOnlyDictionary<string, int> quantities)
    {
        var partnerId = submission.PartnerId;
        var terms = await GrainFactory.GetGrain<IPartnerGrain>(partnerId).GetOrderingTermsAsync([.. quantities.Keys])
            ?? throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.PartnerNotFound, $"Partner '{partnerId}' does not exist.");
        if (terms.Status != PartnerStatus.Active)
        {
            throw new RuleViolationException(RuleViolationKind.Forbidden, RuleCodes.PartnerSuspended, $"Partner '{partnerId}' is suspended.");
        }

        var priceList = terms.Prices ?? throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.NoPriceList,
            $"Partner '{partnerId}' has no contract price list yet.");
        if (terms.Inventory?.MaxPerOrder is { } most && quantities.Where(pair => pair.Value > most).Select(pair => pair.Key).ToList() is { Count: > 0 } over)
        {
            throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.ExceedsMaxPerOrder,
                $"The inventory policy allows at most {most} units of a SKU per order: {string.Join(", ", over)}.");
        }

        var pricing = OrderPricer.Price(submission.Lines, priceList);
        if (pricing.IsComplete)
        {
            return (pricing, terms.Inventory);
        }

        // Rare path: tell an unknown SKU from one the contract does not price (only the unpriced ones are asked).
        var positions = await Task.WhenAll(pricing.UnpricedSkus.Select(sku => GrainFactory.GetGrain<IInventoryGrain>(sku).GetAsync()));
        var unknown = pricing.UnpricedSkus.Where((_, i) => positions[i] is null).ToList();
        if (unknown.Count > 0)
        {
            throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.UnknownSku, $"Unknown SKU: {string.Join(", ", unknown)}.");
        }

        throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.UnpricedSku,
            $"No price in contract version '{priceList.Version}' for: {string.Join(", ", pricing.UnpricedSkus)}.");
    }

    private async Task EnsureCustomerActiveAsync(OrderSubmission submission, string correlationId)
    {
        CustomerStanding standing;
        try
        {
            using var timeout = new CancellationTokenSource(workflowOptions.Value.StepTimeout);
            standing = await customers.CheckAsync(submission.PartnerId, submission.CustomerId,
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

    /// <summary>
    /// One reservation call per SKU, all at once. A call that failed may or may not have reserved: it is left
    /// in doubt on the SKU, which resolves it with this order's record later.
    /// </summary>
    private async Task<ReservationResult> ReserveAllAsync(IReadOnlyDictionary<string, int> quantities, string partnerId, InventoryPolicy? policy)
    {
        var lines = quantities.ToArray();
        var calls = new Task<ReservationOutcome>[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            calls[i] = GrainFactory.GetGrain<IInventoryGrain>(lines[i].Key).ReserveAsync(OrderId, lines[i].Value, partnerId, policy);
        }

        try
        {
            await Task.WhenAll(calls);
        }
        catch
        {
            var reserved = lines.Where((_, i) => calls[i].IsCompletedSuccessfully && calls[i].Result == ReservationOutcome.Reserved).ToList();
            await GiveBackAsync(reserved, partnerId);
            throw;
        }

        var result = new ReservationResult();
        for (var i = 0; i < lines.Length; i++)
        {
            var list = calls[i].Result switch
            {
                ReservationOutcome.Reserved => null,
                ReservationOutcome.UnknownSku => result.Unknown,
                _ => result.Short,
            };
            if (list is null)
            {
                result.Reserved.Add(lines[i]);
            }
            else
            {
                list.Add(lines[i].Key);
            }
        }

        return result;
    }

    /// <summary>
    /// For a partner that allows backorders: per SKU, reserves what may be promised and backorders the rest (the
    /// SKU fills it later). A call that failed is handled as in <see cref="ReserveAllAsync"/>.
    /// </summary>
    private async Task<ReservationResult> AllocateAllAsync(IReadOnlyDictionary<string, int> quantities, string partnerId, InventoryPolicy policy)
    {
        var lines = quantities.ToArray();
        var calls = new Task<StockAllocation>[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            calls[i] = GrainFactory.GetGrain<IInventoryGrain>(lines[i].Key).AllocateAsync(OrderId, lines[i].Value, partnerId, policy);
        }

        var result = new ReservationResult();
        try
        {
            await Task.WhenAll(calls);
        }
        catch
        {
            var done = lines.Select((line, i) => (line, call: calls[i])).Where(pair => pair.call.IsCompletedSuccessfully).ToList();
            await GiveBackAsync(
                [.. done.Where(pair => pair.call.Result.Allocated > 0).Select(pair => KeyValuePair.Create(pair.line.Key, pair.call.Result.Allocated))],
                partnerId,
                done.Where(pair => pair.call.Result.Backordered > 0).ToDictionary(pair => pair.line.Key, pair => pair.call.Result.Backordered, StringComparer.Ordinal));
            throw;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var allocation = calls[i].Result;
            if (allocation.Outcome == ReservationOutcome.UnknownSku)
            {
                result.Unknown.Add(lines[i].Key);
                continue;
            }

            if (allocation.Allocated > 0)
            {
                result.Reserved.Add(KeyValuePair.Create(lines[i].Key, allocation.Allocated));
            }

            if (allocation.Backordered > 0)
            {
                result.Backordered[lines[i].Key] = allocation.Backordered;
            }
        }

        return result;
    }

    private async Task ReleaseReservedAsync(IReadOnlyList<KeyValuePair<string, int>> reserved, string partnerId) =>
        await Task.WhenAll(reserved.Select(pair => GrainFactory.GetGrain<IInventoryGrain>(pair.Key).ReleaseAsync(OrderId, pair.Value, partnerId)));

    /// <summary>Releases reservations of an order that will not be recorded, and settles them (the order holds nothing).</summary>
    private async Task GiveBackAsync(IReadOnlyList<KeyValuePair<string, int>> reserved, string partnerId, IReadOnlyDictionary<string, int>? backordered = null)
    {
        try
        {
            await ReleaseReservedAsync(reserved, partnerId);
            if (backordered is { Count: > 0 })
            {
                await Task.WhenAll(backordered.Keys.Select(sku => GrainFactory.GetGrain<IInventoryGrain>(sku).CancelBackorderAsync(OrderId, 0)));
            }

            foreach (var (sku, _) in reserved)
            {
                GrainFactory.GetGrain<IInventoryGrain>(sku).SettleAsync(OrderId).Ignore();
            }
        }
        catch (Exception exception)
        {
            // Left in doubt on the SKU: it asks this order later, finds nothing recorded and undoes the reservation.
            LogCompensationFailed(logger, exception, OrderId);
        }
    }

    /// <summary>Persists a decision, runs its effects (steps and reservations it asks for feed further decisions), then schedules.</summary>
    private async Task DecideAsync(OrderDecision decision)
    {
        var commandCorrelation = Correlation.Current;
        IReadOnlyList<OrderStatusChanged> announced = [];
        while (true)
        {
            if (decision.Changed)
            {
                announced = await PersistAsync(decision.State, decision.Effects);
            }

            var effects = decision.Effects;
            await RunEffectsAsync(effects, announced);
            announced = [];
            var now = clock.GetUtcNow();
            if (effects.RunNow is { } run)
            {
                Correlation.Set(_record!.CorrelationId);
                var outcome = await steps.RunAsync(run.Step, _record, CancellationToken.None);
                decision = OrderWorkflow.StepFinished(_record, run, outcome, _timings, clock.GetUtcNow(), commandCorrelation);
            }
            else if (effects.ReserveNow is { } quantities && effects.ReserveReplaying is { } replaying)
            {
                // A replay reserves under the partner's policy as it is now.
                var partnerId = _record!.PartnerId;
                var policy = await GrainFactory.GetGrain<IPartnerGrain>(partnerId).GetInventoryPolicyAsync();
                var reservation = await ReserveAllAsync(quantities, partnerId, policy);
                if (reservation.Short.Count > 0 || reservation.Unknown.Count > 0)
                {
                    await ReleaseReservedAsync(reservation.Reserved, partnerId);
                }

                decision = OrderWorkflow.Reserved(_record!, replaying, quantities, [.. reservation.Short, .. reservation.Unknown], _timings, now, commandCorrelation);
                announced = await PersistAsync(decision.State, decision.Effects);
                foreach (var (sku, _) in reservation.Reserved)
                {
                    GrainFactory.GetGrain<IInventoryGrain>(sku).SettleAsync(OrderId).Ignore();
                }

                decision = decision with { Changed = false };
            }
            else
            {
                break;
            }
        }

        await SettleStockAsync();
        Schedule();
    }

    /// <summary>
    /// Makes the record durable, with the status changes it announces appended to the partner's feed in the same
    /// write (so the feed has exactly the changes that are durable); returns those events for live publication. On
    /// failure the activation keeps what storage holds and is discarded.
    /// </summary>
    private async Task<IReadOnlyList<OrderStatusChanged>> PersistAsync(OrderRecord record, OrderEffects? effects = null)
    {
        var previous = state.State;
        var announced = effects is { Announce.Count: > 0 } ? StatusEvents(record, effects.Announce) : [];
        state.State = OrderState.From(record, OrderWorkflow.WakeAt(record, _timings, clock.GetUtcNow()));
        state.State.FeedAppends = announced.Count == 0 ? null : [.. announced.Select(e => new PartnerFeedAppend(record.PartnerId, e))];
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            // Appended once: a later write of the same object must not append them again.
            state.State.FeedAppends = null;
        }

        _record = record;
        return announced;
    }

    private List<OrderStatusChanged> StatusEvents(OrderRecord record, IReadOnlyList<TimelineEntry> entries)
    {
        var announced = new List<OrderStatusChanged>(entries.Count);
        foreach (var entry in entries)
        {
            announced.Add(new OrderStatusChanged
            {
                EventId = EventOutbox.NewEventId(),
                At = entry.At,
                CorrelationId = entry.CorrelationId,
                OrderId = OrderId,
                PartnerId = record.PartnerId,
                From = entry.From,
                Status = entry.Status,
                Detail = entry.Detail,
            });
        }

        return announced;
    }

    /// <summary>Runs a persisted decision's effects; <paramref name="announced"/> are its status events, already in the feed.</summary>
    private async Task RunEffectsAsync(OrderEffects effects, IReadOnlyList<OrderStatusChanged> announced)
    {
        foreach (var withdrawn in effects.Withdraw)
        {
            // Through the queue (not straight to the shard): an entry an earlier version filed may still sit there.
            await GrainFactory.GetGrain<IExceptionQueueGrain>(withdrawn.Type).RemoveAsync(withdrawn.ExceptionId);
        }

        if (effects.File is { } filed)
        {
            await EnqueueAsync(filed);
        }

        foreach (var statusChanged in announced)
        {
            // Live notification for SSE readers; the feed already holds the event durably.
            events.Publish(statusChanged);
        }
    }

    /// <summary>Gives back or deducts stock the record says is pending, then records that the inventory has it.</summary>
    private async Task SettleStockAsync()
    {
        if (_record is not { HasPendingStock: true } record)
        {
            return;
        }

        try
        {
            await Task.WhenAll(
                record.PendingRelease.Select(pair => GrainFactory.GetGrain<IInventoryGrain>(pair.Key).ReleaseAsync(OrderId, pair.Value, record.PartnerId))
                    .Concat(record.PendingDeduct.Select(pair => GrainFactory.GetGrain<IInventoryGrain>(pair.Key).DeductAsync(OrderId, pair.Value, record.PartnerId)))
                    .Concat(record.PendingBackorderCancel.Select(pair => GrainFactory.GetGrain<IInventoryGrain>(pair.Key).CancelBackorderAsync(OrderId, pair.Value))));
            await PersistAsync(OrderWorkflow.StockConfirmed(record).State);
            foreach (var sku in record.PendingRelease.Keys.Concat(record.PendingDeduct.Keys))
            {
                GrainFactory.GetGrain<IInventoryGrain>(sku).SettleAsync(OrderId).Ignore();
            }

            _stockFailed = false;
        }
        catch (Exception exception)
        {
            // The record still says what is pending: the timer (or the sweeper) tries again.
            _stockFailed = true;
            LogStockPending(logger, exception, OrderId);
        }
    }

    /// <summary>Arms the timer for the next thing due; an order with nothing due soon leaves memory (the sweeper wakes it).</summary>
    private void Schedule(bool mayDeactivate = true)
    {
        if (_record is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var due = OrderWorkflow.NextDue(_record, _timings);
        if (_stockFailed && (due is null || due > now + _timings.StepRetryDelay))
        {
            due = now + _timings.StepRetryDelay;
        }

        if (due is not { } at || at - now > _timings.ResumeAfter)
        {
            _timer?.Dispose();
            _timer = null;
            if (mayDeactivate)
            {
                DeactivateOnIdle();
            }

            return;
        }

        var delay = at > now ? at - now : TimeSpan.Zero;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(AdvanceAsync, new GrainTimerCreationOptions
            {
                DueTime = delay,
                Period = Timeout.InfiniteTimeSpan,
                Interleave = false,
                KeepAlive = true,
            });
        }
        else
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Runs what is due: the SLA check, then pending steps until the order waits (for a retry, or on someone else).</summary>
    private async Task AdvanceAsync(CancellationToken cancellationToken)
    {
        var record = _record!;
        Correlation.Set(record.CorrelationId);
        var sla = OrderWorkflow.CheckSla(record, _timings, clock.GetUtcNow());
        if (sla.Changed)
        {
            await RunEffectsAsync(sla.Effects, await PersistAsync(sla.State, sla.Effects));
        }

        var expiry = OrderWorkflow.CheckExpiry(_record!, _timings, clock.GetUtcNow());
        if (expiry.Changed)
        {
            // Cancelling runs compensations and gives the stock back: the decision loop does it, then schedules.
            await DecideAsync(expiry);
            return;
        }

        if (_record!.HasPendingStock)
        {
            await SettleStockAsync();
        }

        if (StepDue() is not null)
        {
            using var run = DistributionTelemetry.StartWorkflowRun(OrderId, _record.CorrelationId, _record.TraceParent);
            while (StepDue() is { } step && !cancellationToken.IsCancellationRequested)
            {
                var outcome = await steps.RunAsync(step, _record, cancellationToken);
                if (outcome.Kind == StepOutcomeKind.Deferred)
                {
                    // The open circuit is the incident (one DependencyDegraded); a line per waiting order is noise.
                    LogStepDeferred(logger, OrderId, step.Name, outcome.Detail, _record.CorrelationId);
                }
                else if (outcome.Kind != StepOutcomeKind.Succeeded)
                {
                    LogStepFailed(logger, OrderId, step.Name, _record.StepAttempts + 1, outcome.Detail, _record.CorrelationId);
                }

                var decision = OrderWorkflow.StepFinished(_record, new StepRun(step, null), outcome, _timings, clock.GetUtcNow());
                await RunEffectsAsync(decision.Effects, await PersistAsync(decision.State, decision.Effects));
            }
        }

        Schedule();
    }

    private WorkflowStep? StepDue() =>
        OrderWorkflow.PendingStep(_record!) is { } step && (_record!.NextAttemptAt ?? _record.CreatedAt) <= clock.GetUtcNow() ? step : null;

    private OrderRecord Existing() => _record
        ?? throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.OrderNotFound, $"Order '{OrderId}' does not exist.");

    private Task EnqueueAsync(OrderException exception) =>
        GrainFactory.GetGrain<IExceptionShardGrain>(ExceptionQueues.ShardOf(exception.Type, exception.ExceptionId)).AddAsync(new ExceptionEntry(
            exception.ExceptionId, OrderId, _record!.PartnerId, exception.Type, exception.Step, exception.Attempts,
            exception.LastError, exception.CorrelationId, exception.RaisedAt));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {OrderId} from partner {PartnerId} captured as {Status} (correlation {CorrelationId})")]
    private static partial void LogCaptured(ILogger logger, string orderId, string partnerId, OrderStatus status, string correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: giving back reservations of an order that was not recorded failed; the SKUs resolve them")]
    private static partial void LogCompensationFailed(ILogger logger, Exception exception, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: stock to give back or deduct is still pending; retried")]
    private static partial void LogStockPending(ILogger logger, Exception exception, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: ERP customer check for {CustomerId} skipped, ERP unavailable (correlation {CorrelationId})")]
    private static partial void LogCustomerCheckSkipped(ILogger logger, Exception exception, string orderId, string customerId, string correlationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {OrderId} step {Step} waits: {Reason} (correlation {CorrelationId})")]
    private static partial void LogStepDeferred(ILogger logger, string orderId, string step, string reason, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} step {Step} attempt {Attempt} failed: {Error} (correlation {CorrelationId})")]
    private static partial void LogStepFailed(ILogger logger, string orderId, string step, int attempt, string error, string correlationId);
}
