using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Abstractions.Webhooks;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Exceptions;

/// <summary>
/// A bulk replay: snapshots the open exceptions of a type, then retries them at most MaxConcurrency at a
/// time on a timer, persisting progress after every batch. A durable reminder carries the job over a
/// silo failure; a retried exception that already succeeded is simply not open any more (counted as done).
/// </summary>
public sealed partial class ReplayJobGrain(
    [PersistentState("replay-job", DistributionNames.Storage)] IPersistentState<ReplayJobState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    Telemetry.OperationsMetrics metrics,
    ILogger<ReplayJobGrain> logger) : Grain, IReplayJobGrain, IRemindable
{
    private const string KeepGoingReminder = "replay-job";
    private static readonly TimeSpan BatchPause = TimeSpan.FromMilliseconds(100);

    private IGrainTimer? _timer;
    private bool _batchRunning;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && state.State.CompletedAt is null)
        {
            Arm();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ReplayJobSnapshot> StartAsync(ReplayJobRequest request)
    {
        if (state.RecordExists)
        {
            return Snapshot();
        }

        var pending = await GrainFactory.GetGrain<IExceptionQueueGrain>(request.Type).ListAsync(request.PartnerId);
        state.State = new ReplayJobState
        {
            Request = request,
            Pending = [.. pending],
            Total = pending.Count,
            StartedAt = clock.GetUtcNow(),
            CompletedAt = pending.Count == 0 ? clock.GetUtcNow() : null,
        };
        await state.WriteOrDeactivateAsync(this);
        if (pending.Count > 0)
        {
            await this.RegisterOrUpdateReminder(KeepGoingReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            Arm();
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public Task<ReplayJobSnapshot?> GetAsync() => Task.FromResult(state.RecordExists ? Snapshot() : null);

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.CompletedAt is null && _timer is null)
        {
            Arm();
        }

        return Task.CompletedTask;
    }

    private void Arm() =>
        // Interleaved so progress reads are answered while a batch waits on orders.
        _timer ??= this.RegisterGrainTimer(RunBatchAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = BatchPause,
            Interleave = true,
            KeepAlive = true,
        });

    private async Task RunBatchAsync(CancellationToken cancellationToken)
    {
        if (_batchRunning || state.State.Request is not { } request)
        {
            return;
        }

        _batchRunning = true;
        try
        {
            var batch = state.State.Pending.Take(Math.Max(1, request.MaxConcurrency)).ToList();
            var outcomes = await Task.WhenAll(batch.Select(entry => RetryOneAsync(entry, request.Actor)));
            foreach (var outcome in outcomes)
            {
                metrics.Replayed(outcome.Succeeded);
                if (outcome.Succeeded)
                {
                    state.State.Succeeded++;
                }
                else
                {
                    state.State.Failed++;
                    state.State.Failures.Add(outcome);
                }
            }

            state.State.Pending.RemoveRange(0, batch.Count);
            if (state.State.Pending.Count == 0)
            {
                state.State.CompletedAt = clock.GetUtcNow();
                _timer?.Dispose();
                _timer = null;
                if (await this.GetReminder(KeepGoingReminder) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }

                LogCompleted(logger, this.GetPrimaryKeyString(), request.Type, state.State.Total, state.State.Succeeded, state.State.Failed);
            }

            await state.WriteOrDeactivateAsync(this);
        }
        finally
        {
            _batchRunning = false;
        }
    }

    private async Task<RetryOutcome> RetryOneAsync(ExceptionEntry entry, string actor)
    {
        var note = $"bulk replay {this.GetPrimaryKeyString()}";
        try
        {
            // An exception about a SKU (a drift) is re-checked by the SKU's drift record, an event a webhook endpoint did
            // not take is redelivered by the endpoint; neither is replayed by an order.
            return entry switch
            {
                { Sku: { } sku } => await GrainFactory.GetGrain<IInventoryDriftGrain>(sku).RetryAsync(entry.ExceptionId, actor, note),
                { WebhookId: { } webhookId } => await GrainFactory.GetGrain<IWebhookEndpointGrain>(webhookId).RetryParkedAsync(entry.ExceptionId, actor, note),
                _ => await GrainFactory.GetGrain<IOrderGrain>(entry.OrderId).RetryExceptionAsync(entry.ExceptionId, actor, note),
            };
        }
        catch (Exception exception)
        {
            // Resolved meanwhile, or the order could not be reached: report it, keep going with the rest.
            return new RetryOutcome(entry.ExceptionId, entry.OrderId, false, OrderStatus.OnHold, exception.Message) { Sku = entry.Sku, WebhookId = entry.WebhookId };
        }
    }

    private ReplayJobSnapshot Snapshot()
    {
        var request = state.State.Request!;
        return new ReplayJobSnapshot(
            this.GetPrimaryKeyString(),
            request.Type,
            request.PartnerId,
            request.MaxConcurrency,
            state.State.Total,
            state.State.Succeeded + state.State.Failed,
            state.State.Succeeded,
            state.State.Failed,
            state.State.CompletedAt is not null,
            state.State.StartedAt,
            state.State.CompletedAt,
            [.. state.State.Failures]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay job {JobId} of {Type} finished: {Total} total, {Succeeded} succeeded, {Failed} failed")]
    private static partial void LogCompleted(ILogger logger, string jobId, string type, int total, int succeeded, int failed);
}
