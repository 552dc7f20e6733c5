using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using OrleansDistribution.Abstractions.Dependencies;
using OrleansDistribution.Integration.Health;

namespace OrleansDistribution.Hosting.Dependencies;

/// <summary>
/// Reports this silo's circuit changes to the cluster-wide <see cref="IDependencyHealthGrain"/> (which
/// publishes DependencyDegraded/Recovered once) and keeps the local <see cref="DependencyHealthState"/>
/// current for /health/ready. The report is fire-and-forget: it runs on the call that tripped the circuit.
/// </summary>
public sealed partial class ClusterDependencyHealthReporter(
    DependencyHealthState local,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    ILogger<ClusterDependencyHealthReporter> logger) : IDependencyHealthReporter
{
    /// <inheritdoc />
    public void CircuitOpened(string system, string reason)
    {
        local.CircuitOpened(system, reason);
        _ = ReportAsync(system, grain => grain.ReportOpenedAsync(silo.SiloAddress.ToString(), reason));
    }

    /// <inheritdoc />
    public void CircuitClosed(string system)
    {
        local.CircuitClosed(system);
        _ = ReportAsync(system, grain => grain.ReportClosedAsync(silo.SiloAddress.ToString()));
    }

    private async Task ReportAsync(string system, Func<IDependencyHealthGrain, Task> report)
    {
        try
        {
            await report(grains.GetGrain<IDependencyHealthGrain>(system));
        }
        catch (Exception exception)
        {
            LogReportFailed(logger, exception, system);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report the {Dependency} circuit change to the cluster")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string dependency);
}
