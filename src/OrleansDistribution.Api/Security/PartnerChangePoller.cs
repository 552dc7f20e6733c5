using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Api.Security;

/// <summary>
/// Asks the cluster's partner change log (<see cref="IPartnerChangesGrain"/>) every <see cref="Interval"/> what changed
/// since it last asked, and makes <see cref="PartnerKeyCache"/> forget those partners: a key revoked through any API
/// silo stops working on this one within about that interval. One small grain call per interval per API silo, whatever
/// the traffic; requests themselves never wait on it.
/// </summary>
public sealed partial class PartnerChangePoller(IGrainFactory grains, PartnerKeyCache cache, ILogger<PartnerChangePoller> logger) : BackgroundService
{
    /// <summary>How often the change log is asked.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = grains.GetGrain<IPartnerChangesGrain>(IPartnerChangesGrain.Key);
        var epoch = Guid.Empty;
        var version = 0L;
        var failing = false;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var answer = await changes.GetChangesAsync(epoch, version);
                    if (answer.Reset)
                    {
                        // First poll, a restarted change log, or too far behind: what is cached may predate any change.
                        cache.ForgetAll();
                    }

                    foreach (var partnerId in answer.PartnerIds)
                    {
                        cache.Changed(partnerId);
                    }

                    (epoch, version) = (answer.Epoch, answer.Version);
                    if (failing)
                    {
                        failing = false;
                        LogRecovered(logger);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Cached entries still lapse after PartnerKeyCache.Lifetime; say so once, not four times a second.
                    if (!failing)
                    {
                        failing = true;
                        LogFailing(logger, exception, PartnerKeyCache.Lifetime.TotalSeconds);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The partner change log cannot be reached; changes made through other API silos take effect here within {LifetimeSeconds} s until it can")]
    private static partial void LogFailing(ILogger logger, Exception exception, double lifetimeSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The partner change log is reachable again")]
    private static partial void LogRecovered(ILogger logger);
}
