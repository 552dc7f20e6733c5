
namespace OrleansDistribution.Grains.Workflow;

/// <summary>Starts the sweeper when a silo becomes active, so a restarted cluster resumes cut-off orders at once.</summary>
public sealed partial class WorkflowSweeperStartup(IGrainFactory grains, ILogger<WorkflowSweeperStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WorkflowSweeperStartup), ServiceLifecycleStage.Active, OnActive);

    private Task OnActive(CancellationToken cancellationToken)
    {
        // Not awaited: silo start must not depend on the sweeper; its reminder brings it up anyway.
        _ = StartAsync();
        return Task.CompletedTask;
    }

    private async Task StartAsync()
    {
        try
        {
            await grains.GetGrain<IWorkflowSweeperGrain>(IWorkflowSweeperGrain.Key).StartAsync();
        }
        catch (Exception exception)
        {
            LogStartFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start the order sweeper now; its reminder starts it later")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);
}
