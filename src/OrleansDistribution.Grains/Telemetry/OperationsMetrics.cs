using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Operations;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Operations;

namespace OrleansDistribution.Grains.Telemetry;

/// <summary>
/// The business KPIs on the <see cref="DistributionNames.Meter"/> meter (Prometheus names in brackets):
/// <list type="bullet">
/// <item><c>distribution.order.acceptance.duration</c> [distribution_order_acceptance_duration_seconds]: histogram of
/// order submissions by <c>partner</c> and <c>outcome</c> (<c>accepted</c> a new order, <c>replayed</c> an idempotent
/// replay, <c>rejected</c> a 4xx, <c>failed</c> a 5xx), measured in the API silo from request to response;</item>
/// <item><c>distribution.submissions.failed</c> [distribution_submissions_failed_total]: every API request of a partner
/// (or of a caller that could not be authenticated, partner <c>unauthenticated</c>) that ended in a problem, by
/// <c>partner</c> and <c>reason</c> (the problem type's code: validation-failed, rate-limited, …);</item>
/// <item><c>distribution.replay.orders</c> [distribution_replay_orders_total]: exceptions a bulk replay job retried, by
/// <c>result</c> (<c>succeeded</c>, <c>failed</c>);</item>
/// <item>cluster-wide gauges, the same on every silo (dashboards take the maximum), from the state the cluster's
/// <see cref="IOpsKpiGrain"/> samples: <c>distribution.orders</c> [distribution_orders] by <c>status</c>,
/// <c>distribution.exceptions.open</c> and <c>distribution.exceptions.oldest_age</c> by <c>type</c>,
/// <c>distribution.dependency.degraded</c> (1 or 0) by <c>dependency</c>.</item>
/// </list>
/// Each silo also counts the same events per minute in its <see cref="KpiWindow"/> for the ops console. Partner labels
/// are bounded (<see cref="KpiOptions.MaxPartnerLabels"/>).
/// </summary>
public sealed class OperationsMetrics
{
    /// <summary>Instrument names.</summary>
    public const string AcceptanceName = "distribution.order.acceptance.duration";

    /// <summary>Failed partner requests.</summary>
    public const string FailedName = "distribution.submissions.failed";

    /// <summary>Replayed exceptions.</summary>
    public const string ReplayName = "distribution.replay.orders";

    /// <summary>Orders by status.</summary>
    public const string OrdersName = "distribution.orders";

    /// <summary>Open exceptions by type.</summary>
    public const string ExceptionsOpenName = "distribution.exceptions.open";

    /// <summary>Age of the oldest open exception by type.</summary>
    public const string ExceptionsOldestName = "distribution.exceptions.oldest_age";

    /// <summary>Whether a dependency is degraded.</summary>
    public const string DependencyName = "distribution.dependency.degraded";

    /// <summary>The partner label of a caller that could not be authenticated.</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The partner label of partners beyond the label limit.</summary>
    public const string OtherPartners = "other";

    /// <summary>The problem code of a request the partner's rate limit or quota refused.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>The problem code of a request refused because the partner's daily quota is spent.</summary>
    public const string QuotaExhausted = "quota-exhausted";

    private static readonly string[] Statuses = Enum.GetNames<OrderStatus>();

    private readonly Histogram<double> _acceptance;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _replay;
    private readonly ConcurrentDictionary<string, string> _partnerLabels = new(StringComparer.Ordinal);
    private readonly int _maxPartnerLabels;
    private readonly TimeProvider _clock;
    private volatile ClusterFigures _cluster = ClusterFigures.None;

    /// <summary>Creates the instruments on the distribution meter.</summary>
    public OperationsMetrics(DistributionMeter meters, KpiWindow window, IOptions<KpiOptions> options, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock)
    {
        Window = window;
        _clock = clock;
        _maxPartnerLabels = options.Value.MaxPartnerLabels;
        var meter = meters.Meter;
        _acceptance = meter.CreateHistogram<double>(AcceptanceName, "s", "Order submissions from request to response, by partner and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _failed = meter.CreateCounter<long>(FailedName, "{request}", "Partner requests that ended in a problem (4xx/5xx), by partner and problem type.");
        _replay = meter.CreateCounter<long>(ReplayName, "{exception}", "Exceptions retried by bulk replay jobs, by result.");
        meter.CreateObservableGauge(OrdersName, OrdersByStatus, "{order}", "Orders in each status now, cluster-wide (from the order index).");
        meter.CreateObservableGauge(ExceptionsOpenName, ExceptionsOpen, "{exception}", "Open exceptions by type, cluster-wide.");
        meter.CreateObservableGauge(ExceptionsOldestName, OldestExceptionAge, "s", "Age of the oldest open exception by type, cluster-wide.");
        meter.CreateObservableGauge(DependencyName, DependenciesDegraded, "1", "1 while a circuit to the dependency is open on some silo, else 0.");
    }

    /// <summary>This silo's minute counts of the same events.</summary>
    public KpiWindow Window { get; }

    /// <summary>
    /// An order submission was answered with <paramref name="status"/> after <paramref name="elapsed"/> (a 2xx with
    /// <paramref name="replayed"/> answered an earlier submission).
    /// </summary>
    public void Submission(string? partnerId, int status, bool replayed, TimeSpan elapsed)
    {
        var partner = Label(partnerId);
        var outcome = status switch
        {
            < 400 => replayed ? "replayed" : "accepted",
            < 500 => "rejected",
            _ => "failed",
        };
        _acceptance.Record(elapsed.TotalSeconds, new TagList { { "partner", partner }, { "outcome", outcome } });
        Window.Submission(partner, status < 400 && !replayed, elapsed);
    }

    /// <summary>A partner's request (or an unauthenticated one: null) ended in a problem of type <paramref name="reason"/>.</summary>
    public void Failure(string? partnerId, string reason)
    {
        var partner = Label(partnerId);
        _failed.Add(1, new TagList { { "partner", partner }, { "reason", reason } });
        Window.Failure(partner, reason, reason is RateLimited or QuotaExhausted);
    }

    /// <summary>A replay job retried one exception.</summary>
    public void Replayed(bool succeeded)
    {
        _replay.Add(1, new KeyValuePair<string, object?>("result", succeeded ? "succeeded" : "failed"));
        Window.Replay(succeeded);
    }

    /// <summary>The cluster's KPI grain sampled this state.</summary>
    public void Sampled(ClusterFigures figures) => _cluster = figures;

    private string Label(string? partnerId)
    {
        if (partnerId is null)
        {
            return Unauthenticated;
        }

        if (_partnerLabels.TryGetValue(partnerId, out var label))
        {
            return label;
        }

        // Racing first requests may admit a few labels past the limit; the bound is what matters, not its exact value.
        return _partnerLabels.GetOrAdd(partnerId, _partnerLabels.Count < _maxPartnerLabels ? partnerId : OtherPartners);
    }

    private IEnumerable<Measurement<long>> OrdersByStatus()
    {
        var cluster = _cluster;
        return cluster.SampledAt is null ? [] : Statuses.Select(status => new Measurement<long>(cluster.OrdersByStatus.GetValueOrDefault(status), new KeyValuePair<string, object?>("status", status)));
    }

    private IEnumerable<Measurement<long>> ExceptionsOpen() =>
        _cluster.Exceptions.Select(pair => new Measurement<long>(pair.Value.Open, new KeyValuePair<string, object?>("type", pair.Key)));

    private IEnumerable<Measurement<double>> OldestExceptionAge()
    {
        var now = _clock.GetUtcNow();
        return _cluster.Exceptions.Select(pair => new Measurement<double>(
            pair.Value.OldestRaisedAt is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0,
            new KeyValuePair<string, object?>("type", pair.Key)));
    }

    private IEnumerable<Measurement<int>> DependenciesDegraded() =>
        _cluster.Dependencies.Select(dependency => new Measurement<int>(dependency.Degraded ? 1 : 0, new KeyValuePair<string, object?>("dependency", dependency.Name)));
}
