using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Webhooks;
using OrleansDistribution.Domain.Webhooks;
using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Grains.Storage;
using OrleansDistribution.Grains.Telemetry;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Webhooks;

namespace OrleansDistribution.Grains.Webhooks;

/// <summary>
/// One webhook endpoint: reads its partner's feed after its durable cursor and delivers each subscribed event in
/// order, one at a time: the next event waits until the head one is delivered or parked. A failed head is retried on
/// the durable schedule of <see cref="WebhookRetrySchedule"/>; once the endpoint has failed for the retry window the
/// event is filed as a WebhookDeliveryFailed exception and delivery goes on with the next. A grain timer polls the
/// feed (every <see cref="WebhookOptions.PollInterval"/>; an endpoint waiting out a backoff reads nothing), and a
/// durable reminder reactivates the endpoint after a silo loss. Progress is written after each poll, and a parked
/// event's exception before the cursor passes it, so a crash can only repeat deliveries (same webhook-id), never skip one.
/// </summary>
/// <remarks>
/// A new endpoint starts at the feed's end as of its registration: it receives what happens from then on; what
/// happened before is in <c>GET /v1/feed</c>.
/// </remarks>
public sealed partial class WebhookEndpointGrain(
    [PersistentState(WebhookEndpointGrain.StateName, DistributionNames.Storage)] IPersistentState<WebhookEndpointState> state,
    IPartnerFeed feed,
    IWebhookSender sender,
    IOptions<WebhookOptions> options,
    WebhookMetrics metrics,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    ILogger<WebhookEndpointGrain> logger) : Grain, IWebhookEndpointGrain, IRemindable
{
    /// <summary>Name of an endpoint's persistent state.</summary>
    public const string StateName = "webhook-endpoint";

    /// <summary>The step a WebhookDeliveryFailed exception names.</summary>
    public const string Step = "webhook-delivery";

    private const string ResumeReminder = "webhook-delivery";

    private readonly WebhookOptions _options = options.Value;
    private readonly Queue<FeedEntry> _ahead = new();
    private FeedEntry? _headEntry;
    private IGrainTimer? _timer;

    private string WebhookId => this.GetPrimaryKeyString();

    private WebhookRetryPolicy Policy => new(_options.RetryBaseDelay, _options.RetryMaxDelay, _options.RetryFor, _options.RetryJitter);

    private IExceptionQueueGrain Queue => GrainFactory.GetGrain<IExceptionQueueGrain>(ExceptionTypes.WebhookDeliveryFailed);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            Arm();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<WebhookRegistration> RegisterAsync(string partnerId, WebhookSubscription subscription)
    {
        var events = Canonical(subscription.Events);
        if (state.RecordExists)
        {
            // A repeated registration (its caller retried after a failure) gets the same answer; anything else is a bug.
            return state.State.PartnerId == partnerId && state.State.Url == subscription.Url && state.State.Events.SequenceEqual(events)
                ? new WebhookRegistration(Snapshot(), WebhookSecret.Format(state.State.Key))
                : throw new InvalidOperationException($"Webhook '{WebhookId}' is registered already, differently.");
        }

        if (WebhookUrls.Problem(subscription.Url, _options.AllowPrivateNetworks) is { } problem)
        {
            throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.WebhookUrlNotAllowed, problem);
        }

        state.State = new WebhookEndpointState
        {
            PartnerId = partnerId,
            Url = subscription.Url,
            Events = events,
            Key = WebhookSecret.NewKey(),
            CreatedAt = clock.GetUtcNow(),
            // From now on: what the feed holds already is the partner's to read with GET /v1/feed.
            Cursor = await feed.EndAsync(partnerId, CancellationToken.None),
        };
        await state.WriteOrDeactivateAsync(this);
        await this.RegisterOrUpdateReminder(ResumeReminder, _options.ResumePeriod, _options.ResumePeriod);
        Arm();
        LogRegistered(logger, WebhookId, partnerId, subscription.Url, string.Join(",", events), state.State.Cursor.ToString());
        return new WebhookRegistration(Snapshot(), WebhookSecret.Format(state.State.Key));
    }

    /// <inheritdoc />
    public Task<WebhookEndpoint?> GetAsync() => Task.FromResult(state.RecordExists ? Snapshot() : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookDeliveryAttempt>?> DeliveriesAsync() =>
        Task.FromResult<IReadOnlyList<WebhookDeliveryAttempt>?>(state.RecordExists ? Enumerable.Reverse(state.State.Log).ToList() : null);

    /// <inheritdoc />
    public async Task DeleteAsync()
    {
        if (!state.RecordExists)
        {
            return;
        }

        _timer?.Dispose();
        _timer = null;
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        // Nothing is left to deliver them to; the exceptions go before the record, so a retried delete finishes the job.
        var partnerId = state.State.PartnerId;
        foreach (var open in (await Queue.ListAsync(partnerId)).Where(entry => entry.WebhookId == WebhookId))
        {
            await Queue.RemoveAsync(open.ExceptionId);
        }

        await state.ClearStateAsync();
        LogDeleted(logger, WebhookId, partnerId);
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public async Task<RetryOutcome> RetryParkedAsync(string exceptionId, string actor, string? note)
    {
        var (open, cursor) = await OpenParkedAsync(exceptionId);
        var page = await feed.ReadAsync(state.State.PartnerId, Before(cursor), 1, CancellationToken.None);
        if (page.Entries is not [var entry, ..] || entry.Cursor != cursor)
        {
            return Outcome(exceptionId, false,
                $"The event is no longer in the partner's feed (kept {feed.Retention.TotalDays:0.#} days); acknowledge the exception (resolve with skip).");
        }

        var now = clock.GetUtcNow();
        var result = await sender.SendAsync(Message(entry.Event), CancellationToken.None);
        var attempt = open.Attempts + 1;
        Record(entry, attempt, result.Delivered ? WebhookAttemptOutcome.Delivered : WebhookAttemptOutcome.Failed, result, now, replay: true);
        if (result.Delivered)
        {
            await Queue.RemoveAsync(exceptionId);
            state.State.Delivered++;
            // The endpoint answers again: the event waiting behind a backoff goes now, with a fresh window.
            state.State.FailingSince = null;
            if (state.State.Head is { } head)
            {
                state.State.Head = head with { NextAttemptAt = now };
            }

            await state.WriteOrDeactivateAsync(this);
            LogRedelivered(logger, WebhookId, entry.Event.EventId, actor, note);
            return Outcome(exceptionId, true, $"Delivered: the endpoint answered {result.StatusCode}; the exception is withdrawn.");
        }

        await Queue.AddAsync(open with { Attempts = attempt, LastError = Describe(entry.Event, result.Error) });
        await state.WriteOrDeactivateAsync(this);
        return Outcome(exceptionId, false, $"Not delivered ({result.Error}); the exception stays open.");
    }

    /// <inheritdoc />
    public async Task AcknowledgeParkedAsync(string exceptionId, string actor, string? note)
    {
        var (open, _) = await OpenParkedAsync(exceptionId);
        await Queue.RemoveAsync(open.ExceptionId);
        LogAcknowledged(logger, WebhookId, open.EventId, actor, note);
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!state.RecordExists)
        {
            // Left over from an endpoint deleted while its silo died.
            if (await this.GetReminder(reminderName) is { } stale)
            {
                await this.UnregisterReminder(stale);
            }

            DeactivateOnIdle();
            return;
        }

        Arm();
    }

    private void Arm() =>
        // Not interleaved: one poll or command at a time owns the head; reads (GetAsync, DeliveriesAsync) interleave.
        _timer ??= this.RegisterGrainTimer(PollAsync, new GrainTimerCreationOptions
        {
            DueTime = _options.PollInterval,
            Period = _options.PollInterval,
            Interleave = false,
            KeepAlive = true,
        });

    /// <summary>
    /// Delivers what is due: the head when its retry time has come, then the events behind it, in batches of
    /// <see cref="WebhookOptions.MaxDeliveriesPerPoll"/> with the progress written after each. While batches come back
    /// full (a backlog) it goes straight on for up to one <see cref="WebhookOptions.PollInterval"/> of this turn instead
    /// of waiting for the next tick: otherwise one endpoint could never take more than MaxDeliveriesPerPoll events per
    /// interval (40 a second with the defaults), far below a busy partner's order traffic (docs/performance.md).
    /// </summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var turn = Stopwatch.StartNew();
        while (state.RecordExists && !cancellationToken.IsCancellationRequested
               && await DeliverBatchAsync(cancellationToken) && turn.Elapsed < _options.PollInterval)
        {
        }
    }

    /// <summary>One batch of deliveries and the write of its progress; true when it was full and more may be waiting.</summary>
    private async Task<bool> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        var changed = false;
        var handled = 0;
        try
        {
            for (; handled < _options.MaxDeliveriesPerPoll && !cancellationToken.IsCancellationRequested; handled++)
            {
                var now = clock.GetUtcNow();
                if (state.State.Head is { } waiting && now < waiting.NextAttemptAt)
                {
                    break;
                }

                var (entry, moved) = await HeadAsync(now, cancellationToken);
                changed |= moved;
                if (entry is null)
                {
                    break;
                }

                changed = true;
                if (!await AttemptAsync(entry, now, cancellationToken))
                {
                    break;
                }
            }
        }
        finally
        {
            if (changed && state.RecordExists)
            {
                await state.WriteOrDeactivateAsync(this);
            }
        }

        return handled == _options.MaxDeliveriesPerPoll;
    }

    /// <summary>The head event: the one being retried, else the next subscribed one in the feed (the cursor passes the others).</summary>
    private async Task<(FeedEntry? Entry, bool Moved)> HeadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var moved = false;
        if (state.State.Head is { } head)
        {
            if (_headEntry?.Cursor == head.Cursor)
            {
                return (_headEntry, false);
            }

            // Reactivated with a head: read it again (the feed keeps events far longer than the retry window).
            var page = await feed.ReadAsync(state.State.PartnerId, Before(head.Cursor), 1, cancellationToken);
            if (page.Entries is [var again, ..] && again.Cursor == head.Cursor)
            {
                _headEntry = again;
                return (again, false);
            }

            LogHeadExpired(logger, WebhookId, head.EventId, head.Cursor.ToString());
            state.State.Cursor = head.Cursor;
            state.State.Head = null;
            moved = true;
        }

        while (true)
        {
            if (_ahead.Count == 0 && !await ReadAheadAsync(cancellationToken))
            {
                return (null, moved);
            }

            var next = _ahead.Dequeue();
            if (next.Cursor <= state.State.Cursor)
            {
                continue;
            }

            if (!state.State.Events.Contains(next.Event.EventType, StringComparer.Ordinal))
            {
                state.State.Cursor = next.Cursor;
                moved = true;
                continue;
            }

            state.State.Head = new WebhookHeadDelivery(next.Cursor, next.Event.EventId, 0, now, null);
            _headEntry = next;
            return (next, true);
        }
    }

    /// <summary>Fills the read-ahead buffer from the feed after the cursor; false when there is nothing new.</summary>
    private async Task<bool> ReadAheadAsync(CancellationToken cancellationToken)
    {
        var page = await feed.ReadAsync(state.State.PartnerId, state.State.Cursor, _options.MaxDeliveriesPerPoll, cancellationToken);
        if (page.CursorExpired)
        {
            // Events after the cursor were deleted by retention before they could be delivered (the endpoint was
            // unreachable for longer than the feed keeps events, with its silo down): what is left is all newer.
            LogCursorExpired(logger, WebhookId, state.State.Cursor.ToString(), page.Retention);
            page = await feed.ReadAsync(state.State.PartnerId, FeedCursor.Start, _options.MaxDeliveriesPerPoll, cancellationToken);
        }

        foreach (var entry in page.Entries)
        {
            _ahead.Enqueue(entry);
        }

        return _ahead.Count > 0;
    }

    /// <summary>One attempt at the head; true when the head is settled (delivered or parked) and the next event may go.</summary>
    private async Task<bool> AttemptAsync(FeedEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var head = state.State.Head!;
        var result = await sender.SendAsync(Message(entry.Event), cancellationToken);
        if (!result.Sent)
        {
            // An open circuit is not an attempt: wait it out, unless the endpoint is past its window already.
            if (state.State.FailingSince is { } since && now - since >= _options.RetryFor)
            {
                await ParkAsync(entry, head.Attempts, result, now);
                return true;
            }

            state.State.Head = head with { NextAttemptAt = now + result.CircuitOpenFor!.Value, LastError = result.Error };
            return false;
        }

        var attempt = head.Attempts + 1;
        if (result.Delivered)
        {
            Record(entry, attempt, WebhookAttemptOutcome.Delivered, result, now, replay: false);
            if (head.Attempts > 0)
            {
                // Parked before a crash cut the write that passes the cursor? Then that exception is stale now.
                await Queue.RemoveAsync(ExceptionIds.ForWebhook(WebhookId, entry.Cursor.ToString()));
            }

            Settle(entry);
            state.State.Delivered++;
            state.State.FailingSince = null;
            return true;
        }

        state.State.LastFailure = result.Error;
        var failingSince = state.State.FailingSince ??= now;
        var decision = WebhookRetrySchedule.AfterFailure(Policy, attempt, failingSince, now, Random.Shared.NextDouble());
        if (decision.Park)
        {
            await ParkAsync(entry, attempt, result, now);
            return true;
        }

        Record(entry, attempt, WebhookAttemptOutcome.Failed, result, now, replay: false);
        state.State.Head = head with { Attempts = attempt, NextAttemptAt = decision.RetryAt, LastError = result.Error };
        return false;
    }

    /// <summary>Files the head as a WebhookDeliveryFailed exception (durably, before the cursor passes it) and moves on.</summary>
    private async Task ParkAsync(FeedEntry entry, int attempts, WebhookSendResult result, DateTimeOffset now)
    {
        var exception = new ExceptionEntry(
            ExceptionIds.ForWebhook(WebhookId, entry.Cursor.ToString()), "", state.State.PartnerId, ExceptionTypes.WebhookDeliveryFailed, Step,
            attempts, Describe(entry.Event, ErrorOf(result)), entry.Event.CorrelationId, now)
        {
            WebhookId = WebhookId,
            EventId = entry.Event.EventId,
        };
        await Queue.AddAsync(exception);
        Record(entry, Math.Max(attempts, 1), WebhookAttemptOutcome.Parked, result with { Error = ErrorOf(result) }, now, replay: false);
        Settle(entry);
        state.State.Parked++;
        LogParked(logger, WebhookId, state.State.PartnerId, entry.Event.EventId, attempts, ErrorOf(result));
    }

    private void Settle(FeedEntry entry)
    {
        state.State.Cursor = entry.Cursor;
        state.State.Head = null;
        _headEntry = null;
    }

    private void Record(FeedEntry entry, int attempt, WebhookAttemptOutcome outcome, WebhookSendResult result, DateTimeOffset at, bool replay)
    {
        var log = state.State.Log;
        log.Add(new WebhookDeliveryAttempt(at, entry.Event.EventId, entry.Event.EventType, entry.Cursor.ToString(), attempt, outcome,
            result.StatusCode, Math.Round(result.Latency.TotalMilliseconds, 1), result.Error, replay));
        metrics.Attempt(outcome, replay, result.Sent ? result.Latency : null);
        if (outcome == WebhookAttemptOutcome.Delivered)
        {
            metrics.Delivered(at - entry.Event.At);
        }

        if (log.Count > _options.DeliveryLogSize)
        {
            log.RemoveRange(0, log.Count - _options.DeliveryLogSize);
        }
    }

    private WebhookMessage Message(DistributionEvent distributionEvent) =>
        new(WebhookId, new Uri(state.State.Url), state.State.Key, distributionEvent.EventId, WebhookPayload.Serialize(distributionEvent));

    private async Task<(ExceptionEntry Open, FeedCursor Cursor)> OpenParkedAsync(string exceptionId)
    {
        if (state.RecordExists
            && ExceptionIds.WebhookOf(exceptionId) is { } subject && subject.WebhookId == WebhookId
            && FeedCursor.TryParse(subject.Cursor, out var cursor)
            && await Queue.GetAsync(exceptionId) is { } open)
        {
            return (open, cursor);
        }

        throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.ExceptionNotFound, $"Exception '{exceptionId}' is not open.");
    }

    private WebhookEndpoint Snapshot()
    {
        var s = state.State;
        return new WebhookEndpoint(WebhookId, s.PartnerId, s.Url, [.. s.Events], s.CreatedAt, s.Delivered, s.Parked,
            s.Head is { Attempts: > 0 } head ? new PendingWebhookDelivery(head.EventId, head.Cursor.ToString(), head.Attempts, head.NextAttemptAt, head.LastError) : null,
            s.FailingSince);
    }

    /// <summary>What went wrong: for a result the open circuit stopped, also why the last attempt that went out failed.</summary>
    private string? ErrorOf(WebhookSendResult result) =>
        result.Sent ? result.Error : $"{result.Error}; its last attempt: {state.State.LastFailure ?? "none"}";

    private string Describe(DistributionEvent distributionEvent, string? error) =>
        $"{distributionEvent.EventType} {distributionEvent.EventId} not taken by {state.State.Url}: {error}";

    private RetryOutcome Outcome(string exceptionId, bool succeeded, string detail) =>
        new(exceptionId, "", succeeded, default, detail) { WebhookId = WebhookId };

    /// <summary>The position just before <paramref name="cursor"/>: reading after it starts at <paramref name="cursor"/>.</summary>
    private static FeedCursor Before(FeedCursor cursor) => cursor.Value == UInt128.Zero ? FeedCursor.Start : new FeedCursor(cursor.Value - UInt128.One);

    private static List<string> Canonical(IReadOnlyList<string> events)
    {
        var canonical = events.Select(name => WebhookEventTypes.Canonical(name)
                ?? throw new ArgumentException($"'{name}' is not a subscribable event type.", nameof(events)))
            .Distinct(StringComparer.Ordinal).ToList();
        return canonical.Count > 0 ? canonical : throw new ArgumentException("At least one event type is needed.", nameof(events));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} of partner {PartnerId} registered for {Url} ({Events}), starting after feed cursor {Cursor}")]
    private static partial void LogRegistered(ILogger logger, string webhookId, string partnerId, string url, string events, string cursor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} of partner {PartnerId} deleted")]
    private static partial void LogDeleted(ILogger logger, string webhookId, string partnerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} of partner {PartnerId} parked event {EventId} after {Attempts} attempt(s): {Error}")]
    private static partial void LogParked(ILogger logger, string webhookId, string partnerId, string eventId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} redelivered parked event {EventId} on a retry by {Actor}: {Note}")]
    private static partial void LogRedelivered(ILogger logger, string webhookId, string eventId, string actor, string? note);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId}: parked event {EventId} acknowledged by {Actor}: {Note}")]
    private static partial void LogAcknowledged(ILogger logger, string webhookId, string? eventId, string actor, string? note);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId}: event {EventId} at {Cursor} left the feed before it was delivered; going on with the next")]
    private static partial void LogHeadExpired(ILogger logger, string webhookId, string eventId, string cursor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId}: the feed no longer holds the events after cursor {Cursor} (retention {Retention}); going on with the oldest retained")]
    private static partial void LogCursorExpired(ILogger logger, string webhookId, string cursor, TimeSpan retention);
}
