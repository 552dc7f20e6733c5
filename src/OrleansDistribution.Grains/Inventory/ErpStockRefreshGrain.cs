using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Grains.Storage;
using OrleansDistribution.Grains.Telemetry;
using OrleansDistribution.Grains.Workflow;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>
/// Pages through the ERP's stock snapshot and states each position to its SKU as an absolute figure (with the ERP's
/// sequence, so a figure the SKU already has, or an older one, changes nothing): a push the hub missed heals by the
/// next run. Runs every <see cref="ErpStockOptions.ErpRefreshPeriod"/> on a grain timer whose due time is kept in
/// state, kept alive across failovers by a reminder, and on demand. A failing ERP fails the run, logged once; the next
/// run resumes after the last page that was applied. Progress is written after every page.
/// </summary>
public sealed partial class ErpStockRefreshGrain(
    [PersistentState("erp-refresh", DistributionNames.Storage)] IPersistentState<ErpStockRefreshState> state,
    ErpStockReader reader,
    ErpStockMetrics metrics,
    IOptions<ErpStockOptions> options,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    ILogger<ErpStockRefreshGrain> logger) : Grain, IErpStockRefreshGrain, IRemindable
{
    private const string ReminderName = "erp-refresh";
    private const int KeptRuns = 20;
    private const int Parallelism = 32;

    /// <summary>The reminder only brings the grain back after a failover; the timer keeps the schedule. Bounded so that is soon.</summary>
    private static readonly TimeSpan LongestReminderPeriod = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan ShortestReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _runner;
    private bool _running;
    private Task _lastWrite = Task.CompletedTask;

    private ErpRefreshRun? Current => state.State.Runs.Count > 0 && state.State.Runs[^1].Status == InventoryRunStatus.Running ? state.State.Runs[^1] : null;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.ScheduleEnabled)
        {
            var reminderPeriod = TimeSpan.FromTicks(Math.Clamp(settings.ErpRefreshPeriod.Ticks, ShortestReminderPeriod.Ticks, LongestReminderPeriod.Ticks));
            await this.RegisterOrUpdateReminder(ReminderName, reminderPeriod, reminderPeriod);
            if (state.State.NextDueAt is null)
            {
                // The first run comes one period after the schedule first started, not at every silo start.
                state.State.NextDueAt = clock.GetUtcNow() + settings.ErpRefreshPeriod;
                await state.WriteOrDeactivateAsync(this);
            }

            var due = state.State.NextDueAt.Value - clock.GetUtcNow();
            this.RegisterGrainTimer(ScheduledAsync, new GrainTimerCreationOptions
            {
                DueTime = due > TimeSpan.Zero ? due : TimeSpan.Zero,
                Period = settings.ErpRefreshPeriod,
                Interleave = true,
                KeepAlive = true,
            });
        }
        else if (await this.GetReminder(ReminderName) is { } reminder)
        {
            // Turned off since it last ran: stop waking up for nothing.
            await this.UnregisterReminder(reminder);
        }

        if (Current is not null)
        {
            // A run cut off by a restart or failover goes on from its last written page.
            ArmRunner();
        }
    }

    /// <inheritdoc />
    public Task StartAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<ErpRefreshRun> TriggerAsync() => Current ?? await BeginAsync(ErpRefreshRun.Operator);

    /// <inheritdoc />
    public Task<ErpRefreshRun?> GetRunAsync(string runId) =>
        Task.FromResult(state.State.Runs.LastOrDefault(run => run.RunId == runId));

    private async Task ScheduledAsync(CancellationToken cancellationToken)
    {
        try
        {
            state.State.NextDueAt = clock.GetUtcNow() + options.Value.ErpRefreshPeriod;
            if (Current is null)
            {
                await BeginAsync(ErpRefreshRun.Scheduled);
            }
            else
            {
                await WriteAsync();
            }
        }
        catch (Exception exception)
        {
            // Storage trouble: the schedule's next tick (or the reactivation) tries again.
            LogScheduleFailed(logger, exception);
        }
    }

    private async Task<ErpRefreshRun> BeginAsync(string trigger)
    {
        var run = new ErpRefreshRun($"refresh_{Guid.CreateVersion7():N}", trigger, InventoryRunStatus.Running, clock.GetUtcNow(),
            null, 0, 0, 0, 0, state.State.Cursor, null);
        state.State.Runs.Add(run);
        if (state.State.Runs.Count > KeptRuns)
        {
            state.State.Runs.RemoveRange(0, state.State.Runs.Count - KeptRuns);
        }

        await WriteAsync();
        ArmRunner();
        return run;
    }

    private void ArmRunner() =>
        // Interleaved, so progress reads and triggers are answered while a page is read or applied.
        _runner ??= this.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = true,
            KeepAlive = true,
        });

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_running)
        {
            return;
        }

        _running = true;
        try
        {
            while (Current is { } run && !cancellationToken.IsCancellationRequested)
            {
                Correlation.Set(run.RunId);
                ErpStockPage page;
                try
                {
                    page = await reader.PageAsync(state.State.Cursor, new OutboundContext($"{run.RunId}:page-{run.Pages + 1}", run.RunId), cancellationToken);
                }
                catch (Exception exception) when (ErpStockReader.IsErpFailure(exception))
                {
                    await FinishAsync(run with { Status = InventoryRunStatus.Failed, FinishedAt = clock.GetUtcNow(), Error = exception.Message });
                    var previous = state.State.Runs.Count > 1 ? state.State.Runs[^2] : null;
                    if (previous?.Status == InventoryRunStatus.Failed)
                    {
                        LogStillFailing(logger, run.RunId, state.State.Cursor, exception.Message);
                    }
                    else
                    {
                        LogFailed(logger, run.RunId, state.State.Cursor, exception.Message);
                    }

                    return;
                }

                var (applied, stale, failed) = await ApplyAsync(page.Positions);
                metrics.Positions(applied, stale, failed);
                if (failed > 0)
                {
                    LogPositionsFailed(logger, run.RunId, failed);
                }

                run = run with { Pages = run.Pages + 1, Applied = run.Applied + applied, Stale = run.Stale + stale, Failed = run.Failed + failed };
                state.State.Cursor = page.Next;
                if (page.Next is null)
                {
                    await FinishAsync(run with { Status = InventoryRunStatus.Completed, FinishedAt = clock.GetUtcNow() });
                    LogCompleted(logger, run.RunId, run.Pages, run.Applied, run.Stale, run.Failed);
                    return;
                }

                state.State.Runs[^1] = run;
                await WriteAsync();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Progress could not be written: the activation goes, and the next one resumes from the last page written.
            LogProgressLost(logger, exception);
        }
        finally
        {
            _running = false;
            _runner?.Dispose();
            _runner = null;
        }
    }

    private async Task FinishAsync(ErpRefreshRun run)
    {
        state.State.Runs[^1] = run;
        await WriteAsync();
        metrics.Run(run.Status);
    }

    /// <summary>
    /// Writes the state after any write still in flight: the schedule's tick, a trigger and the run's progress interleave,
    /// and two writes of one state at once would collide on its ETag.
    /// </summary>
    private Task WriteAsync()
    {
        var previous = _lastWrite;
        return _lastWrite = AfterAsync(previous);

        async Task AfterAsync(Task before)
        {
            try
            {
                await before;
            }
            catch (Exception)
            {
                // That write's caller handles its failure; this one is attempted on its own.
            }

            await state.WriteOrDeactivateAsync(this);
        }
    }

    /// <summary>States each position to its SKU, a bounded number at a time; a SKU that cannot be written counts as failed and waits for the next run.</summary>
    private async Task<(int Applied, int Stale, int Failed)> ApplyAsync(IReadOnlyList<ErpStockPosition> positions)
    {
        var (applied, stale, failed) = (0, 0, 0);
        foreach (var chunk in positions.Chunk(Parallelism))
        {
            var results = await Task.WhenAll(chunk.Select(StateAsync));
            applied += results.Count(result => result == ErpSyncResult.Applied);
            stale += results.Count(result => result == ErpSyncResult.Stale);
            failed += results.Count(result => result is null or ErpSyncResult.UnknownSku);
        }

        return (applied, stale, failed);
    }

    private async Task<ErpSyncResult?> StateAsync(ErpStockPosition position)
    {
        try
        {
            var outcome = await GrainFactory.GetGrain<IInventoryGrain>(position.Sku)
                .SyncAsync([ErpStockUpdate.Absolute(position.ErpSequence, position.OnHand, position.AsOf)]);
            return outcome.Results[0];
        }
        catch (Exception)
        {
            // Storage trouble on that SKU: counted (and logged once per page); a repeat next run is harmless.
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ERP stock refresh {RunId} completed: {Pages} pages, {Applied} positions applied, {Stale} stale, {Failed} failed")]
    private static partial void LogCompleted(ILogger logger, string runId, int pages, int applied, int stale, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ERP stock refresh {RunId} failed at cursor {Cursor}: {Reason}; the next run resumes there")]
    private static partial void LogFailed(ILogger logger, string runId, string? cursor, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ERP stock refresh {RunId} failed again at cursor {Cursor}: {Reason}")]
    private static partial void LogStillFailing(ILogger logger, string runId, string? cursor, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ERP stock refresh {RunId}: {Failed} SKUs of a page could not be written; the next run states them again")]
    private static partial void LogPositionsFailed(ILogger logger, string runId, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ERP stock refresh: progress could not be written; it resumes from the last page written")]
    private static partial void LogProgressLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ERP stock refresh: could not start a scheduled run; the next tick tries again")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception);
}
