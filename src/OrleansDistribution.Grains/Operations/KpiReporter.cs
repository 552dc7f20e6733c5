using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions.Operations;
using OrleansDistribution.Grains.Telemetry;

namespace OrleansDistribution.Grains.Operations;

/// <summary>
/// Once the silo is active, sends its <see cref="KpiWindow"/> to the cluster's <see cref="IOpsKpiGrain"/> every
/// <see cref="KpiOptions.ReportInterval"/> and keeps the cluster state it answers for this silo's gauges
/// (<see cref="OperationsMetrics"/>). A failed report is logged and tried again next interval.
/// </summary>
public sealed partial class KpiReporter(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    OperationsMetrics metrics,
    IOptions<KpiOptions> options,
    ILogger<KpiReporter> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(KpiReporter), ServiceLifecycleStage.Active, Start, StopAsync);

    private Task Start(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(options.Value.ReportInterval);
        var kpis = grains.GetGrain<IOpsKpiGrain>(IOpsKpiGrain.Key);
        var name = silo.SiloAddress.ToString();
        try
        {
            do
            {
                try
                {
                    metrics.Sampled(await kpis.ReportAsync(name, metrics.Window.Snapshot()));
                }
                catch (Exception exception) when (!_stopping.IsCancellationRequested)
                {
                    LogReportFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report this silo's operations figures to the cluster; trying again next interval")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);
}
