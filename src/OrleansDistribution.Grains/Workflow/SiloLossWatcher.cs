namespace OrleansDistribution.Grains.Workflow;

/// <summary>
/// Tells the sweeper when a silo of the cluster dies (its membership status turns Dead), so the orders whose grains
/// lived there resume as soon as the cluster knows, not at their wake time (a resume period, a minute by default,
/// after their step fell due). Every silo runs one; the sweeper acts once per lost silo.
/// </summary>
public sealed partial class SiloLossWatcher(IClusterMembershipService membership, IGrainFactory grains, ILogger<SiloLossWatcher> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _watching;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloLossWatcher), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        _watching = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_watching is not null)
        {
            await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    private async Task WatchAsync(CancellationToken stopping)
    {
        try
        {
            // Only transitions count: the table keeps the rows of silos that died long ago.
            var previous = membership.CurrentSnapshot;
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping))
            {
                foreach (var (silo, member) in snapshot.Members)
                {
                    if (member.Status == SiloStatus.Dead && previous.Members.TryGetValue(silo, out var before) && before.Status != SiloStatus.Dead)
                    {
                        await ReportAsync(silo);
                    }
                }

                previous = snapshot;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task ReportAsync(SiloAddress silo)
    {
        try
        {
            await grains.GetGrain<IWorkflowSweeperGrain>(IWorkflowSweeperGrain.Key).SiloLostAsync(silo);
        }
        catch (Exception exception)
        {
            // The sweeper itself may be moving (it lived on the dead silo): another silo's report, or its own
            // reactivation (whose first sweep looks ahead too), covers the loss.
            LogReportFailed(logger, exception, silo);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the order sweeper that silo {Silo} died")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, SiloAddress silo);
}
