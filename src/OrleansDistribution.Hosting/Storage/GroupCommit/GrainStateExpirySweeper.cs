using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// Deletes grain state rows whose expiry has passed, and partner feed events older than
/// <see cref="GroupCommitOptions.FeedRetention"/>, on every silo, every <see cref="GroupCommitOptions.ExpirySweepPeriod"/>.
/// Each statement deletes a small batch and checks the expiry itself, so sweeps of several silos may overlap safely
/// and a grain's write is never blocked for long.
/// </summary>
public sealed partial class GrainStateExpirySweeper(
    IGrainStateStore store,
    GroupCommitOptions options,
    GroupCommitMetrics metrics,
    TimeProvider time,
    ILogger<GrainStateExpirySweeper> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    // A backlog is worked off over several periods instead of in one long burst.
    private const int MaxStatementsPerSweep = 20;

    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(GrainStateExpirySweeper), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>
    /// Deletes expired rows now, batch after batch, until none are left or the per-sweep cap is reached; then the feed
    /// events past their retention, the same way.
    /// </summary>
    /// <returns>How many grain state rows were deleted.</returns>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var total = await InBatchesAsync(limit => store.DeleteExpiredAsync(time.GetUtcNow(), limit, cancellationToken), metrics.ExpiryBatch).ConfigureAwait(false);
        var feed = await InBatchesAsync(limit => store.TrimFeedAsync(time.GetUtcNow() - options.FeedRetention, limit, cancellationToken), static _ => { })
            .ConfigureAwait(false);
        if (total > 0 || feed > 0)
        {
            LogSwept(logger, total, feed);
        }

        return total;
    }

    private async Task<int> InBatchesAsync(Func<int, Task<int>> deleteBatch, Action<int> counted)
    {
        var total = 0;
        for (var statement = 0; statement < MaxStatementsPerSweep; statement++)
        {
            var deleted = await deleteBatch(options.ExpirySweepBatchSize).ConfigureAwait(false);
            counted(deleted);
            total += deleted;
            if (deleted < options.ExpirySweepBatchSize)
            {
                break;
            }
        }

        return total;
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.ExpirySweepPeriod > TimeSpan.Zero)
        {
            _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.ExpirySweepPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await SweepOnceAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The next period tries again; expired rows only cost space meanwhile.
                    LogSweepFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Silo stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Rows} expired grain state rows and {FeedEvents} feed events past their retention")]
    private static partial void LogSwept(ILogger logger, int rows, int feedEvents);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiry sweep of grain state failed; retrying next period")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
