using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>Starts the ERP stock refresh's schedule when a silo becomes active (its reminder keeps it up after a failover).</summary>
public sealed partial class ErpStockRefreshStartup(IGrainFactory grains, ILogger<ErpStockRefreshStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ErpStockRefreshStartup), ServiceLifecycleStage.Active, OnActive);

    private Task OnActive(CancellationToken cancellationToken)
    {
        // Not awaited: silo start must not depend on the refresh; its reminder brings it up anyway.
        _ = StartAsync();
        return Task.CompletedTask;
    }

    private async Task StartAsync()
    {
        try
        {
            await grains.GetGrain<IErpStockRefreshGrain>(IErpStockRefreshGrain.Key).StartAsync();
        }
        catch (Exception exception)
        {
            LogStartFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start the ERP stock refresh schedule now; its reminder starts it later")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);
}
