using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions.Dependencies;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Operations;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Operations;

/// <summary>
/// The cluster's operations figures (<see cref="IOpsKpiGrain"/>): merges the minutes every silo reports, and samples on a
/// timer what no silo sees alone — every exception queue's backlog, every dependency's health, orders by status from the
/// durable order index — keeping the total backlog per minute for the console's sparkline. Nothing is persisted: each
/// report carries a silo's whole window, and the state is re-sampled; only the backlog sparkline starts again after a
/// reactivation.
/// </summary>
public sealed partial class OpsKpiGrain(
    IServiceProvider services,
    IOptions<KpiOptions> options,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    ILogger<OpsKpiGrain> logger) : Grain, IOpsKpiGrain
{
    private readonly Dictionary<string, IReadOnlyList<KpiMinute>> _bySilo = new(StringComparer.Ordinal);
    private readonly SortedDictionary<DateTimeOffset, int> _backlogByMinute = [];
    private ClusterFigures _cluster = ClusterFigures.None;
    private IReadOnlyDictionary<string, long> _ordersByStatus = new Dictionary<string, long>();
    private DateTimeOffset? _ordersCountedAt;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Interleaved: reports and reads are answered while a sample waits on the queues.
        this.RegisterGrainTimer(SampleAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = options.Value.SampleInterval,
            Interleave = true,
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ClusterFigures> ReportAsync(string silo, IReadOnlyList<KpiMinute> minutes)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        _bySilo[silo] = minutes;
        var oldest = WindowStart();
        foreach (var stale in _bySilo.Where(pair => pair.Value.All(minute => minute.Minute < oldest)).Select(pair => pair.Key).ToList())
        {
            // A silo that stopped reporting (gone, or idle for the whole window) has nothing left in the window.
            _bySilo.Remove(stale);
        }

        return Task.FromResult(_cluster);
    }

    /// <inheritdoc />
    public Task<KpiReport> GetAsync()
    {
        var start = WindowStart();
        var minutes = Enumerable.Range(0, IOpsKpiGrain.WindowMinutes).Select(i => new KpiMinute { Minute = start.AddMinutes(i) }).ToList();
        foreach (var reported in _bySilo.Values.SelectMany(window => window))
        {
            var index = (int)((reported.Minute - start).Ticks / TimeSpan.TicksPerMinute);
            if (index is >= 0 and < IOpsKpiGrain.WindowMinutes)
            {
                minutes[index].Add(reported);
            }
        }

        var backlog = minutes.Select(minute => _backlogByMinute.TryGetValue(minute.Minute, out var open) ? open : (int?)null).ToList();
        return Task.FromResult(new KpiReport(clock.GetUtcNow(), minutes, backlog, _cluster));
    }

    private DateTimeOffset WindowStart()
    {
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        return minute.AddMinutes(1 - IOpsKpiGrain.WindowMinutes);
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            var backlogs = await Task.WhenAll(ExceptionTypes.All.Select(async type =>
                (Type: type, Backlog: await GrainFactory.GetGrain<IExceptionQueueGrain>(type).BacklogAsync())));
            var dependencies = await Task.WhenAll(DependencyState.Names.Select(name => GrainFactory.GetGrain<IDependencyHealthGrain>(name).GetAsync()));
            var now = clock.GetUtcNow();
            if (_ordersCountedAt is not { } counted || now - counted >= options.Value.OrderCountInterval)
            {
                // The order index lives with the group-commit storage; a silo configured without it has no counts.
                if (services.GetService<IOrderIndex>() is { } index)
                {
                    var counts = await index.CountByStatusAsync(cancellationToken);
                    _ordersByStatus = counts.ToDictionary(pair => pair.Key.ToString(), pair => pair.Value, StringComparer.Ordinal);
                }

                _ordersCountedAt = now;
            }

            _cluster = new ClusterFigures(now, _ordersByStatus, backlogs.ToDictionary(b => b.Type, b => b.Backlog, StringComparer.Ordinal), dependencies);
            var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
            _backlogByMinute[minute] = backlogs.Sum(b => b.Backlog.Open);
            while (_backlogByMinute.Count > IOpsKpiGrain.WindowMinutes)
            {
                _backlogByMinute.Remove(_backlogByMinute.Keys.First());
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The next sample tries again; the figures stay as last sampled meanwhile.
            LogSampleFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sample the cluster's operations figures; keeping the last sample")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
