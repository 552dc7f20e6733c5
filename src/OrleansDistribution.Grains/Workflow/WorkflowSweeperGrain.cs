using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Orders;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Workflow;

/// <summary>
/// A few durable timers for all orders instead of one per order: a reminder keeps this grain alive across
/// failovers, and while active it sweeps the pending-work index every <see cref="WorkflowOptions.SweepPeriod"/>.
/// An order that completes in milliseconds never appears in a sweep: its wake time lies in the future.
/// </summary>
public sealed partial class WorkflowSweeperGrain(
    IPendingWorkIndex index,
    IOptions<WorkflowOptions> options,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    ILogger<WorkflowSweeperGrain> logger) : Grain, IWorkflowSweeperGrain, IRemindable
{
    private const string ReminderName = "sweep";
    private const int PageSize = 256;
    private const int Parallelism = 16;

    /// <summary>Upper bound of one sweep, so a huge backlog after an outage is worked off over several sweeps.</summary>
    private const int MaxPerSweep = 4096;

    private readonly HashSet<SiloAddress> _lost = [];
    private IGrainTimer? _timer;
    private bool _swept;
    private bool _lookAhead;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await this.RegisterOrUpdateReminder(ReminderName, options.Value.ResumeCheckPeriod, options.Value.ResumeCheckPeriod);
        _timer = this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = options.Value.SweepPeriod,
            Interleave = false,
            KeepAlive = true,
        });
    }

    /// <inheritdoc />
    public Task StartAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    /// <inheritdoc />
    public Task SiloLostAsync(SiloAddress silo)
    {
        if (_lost.Add(silo))
        {
            LogSiloLost(logger, silo);
            _lookAhead = true;
            _timer?.Change(TimeSpan.Zero, options.Value.SweepPeriod);
        }

        return Task.CompletedTask;
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            // An order's wake time lies ResumeAfter past its next due step, so a live order is never swept. The first
            // sweep after this grain (re)activated — a restart or a failover — and the first after a silo died look that
            // far ahead: every order whose step is due by now resumes within seconds instead of a minute later. Waking a
            // live order is harmless.
            var horizon = _swept && !_lookAhead ? TimeSpan.Zero : options.Value.ResumeCheckPeriod;
            _lookAhead = false;
            var woken = 0;
            IReadOnlyList<string> due;
            do
            {
                due = await index.DueAsync(OrderGrain.StateName, clock.GetUtcNow() + horizon, PageSize, cancellationToken);
                // Calls are made from the grain's own context (not a thread-pool loop), a bounded number at a time.
                foreach (var chunk in due.Chunk(Parallelism))
                {
                    await Task.WhenAll(chunk.Select(WakeAsync));
                }

                woken += due.Count;
            }
            while (due.Count == PageSize && woken < MaxPerSweep && !cancellationToken.IsCancellationRequested);

            _swept = woken < MaxPerSweep;

            if (woken > 0)
            {
                LogSwept(logger, woken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Storage may be down or an order unreachable: the next sweep tries again.
            LogSweepFailed(logger, exception);
        }
    }

    private async Task WakeAsync(string orderId)
    {
        try
        {
            await GrainFactory.GetGrain<IOrderGrain>(orderId).WakeAsync();
        }
        catch (Exception exception)
        {
            // One unreachable order must not stop the others; it stays due and the next sweep tries again.
            LogWakeFailed(logger, exception, orderId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake order {OrderId}; the next sweep tries again")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} was lost: sweeping now, a resume period ahead")]
    private static partial void LogSiloLost(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Count} orders whose pending work was cut off")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep of pending orders failed; the next sweep tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
