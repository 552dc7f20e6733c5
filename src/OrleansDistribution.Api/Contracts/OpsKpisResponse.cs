using OrleansDistribution.Abstractions.Operations;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// GET /v1/ops/kpis: the cluster's operations figures over the last 15 minutes, one value per minute oldest first (the
/// current minute last, still counting), and its state now. Latencies are read from fixed buckets, within 25 %.
/// </summary>
public sealed record OpsKpisResponse(
    DateTimeOffset AsOf,
    int WindowMinutes,
    int BucketSeconds,
    IReadOnlyList<DateTimeOffset> Minutes,
    KpiSeriesResponse Series,
    IReadOnlyDictionary<string, int> ExceptionsOpenByType,
    IReadOnlyDictionary<string, double> OldestExceptionAgeSeconds,
    IReadOnlyDictionary<string, long> OrdersByStatus,
    IReadOnlyList<DependencyStateResponse> Dependencies,
    IReadOnlyList<PartnerTrafficResponse> Partners)
{
    /// <summary>From the KPI grain's report.</summary>
    public static OpsKpisResponse From(KpiReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var minutes = report.Minutes;
        var cluster = report.Cluster;
        var partners = new Dictionary<string, PartnerMinute>(StringComparer.Ordinal);
        foreach (var (partner, traffic) in minutes.SelectMany(minute => minute.Partners))
        {
            if (!partners.TryGetValue(partner, out var total))
            {
                partners[partner] = total = new PartnerMinute();
            }

            total.Add(traffic);
        }

        return new OpsKpisResponse(
            report.AsOf,
            IOpsKpiGrain.WindowMinutes,
            60,
            [.. minutes.Select(minute => minute.Minute)],
            new KpiSeriesResponse(
                [.. minutes.Select(minute => Round(LatencyBuckets.QuantileMilliseconds(minute.Acceptance, 0.5)))],
                [.. minutes.Select(minute => Round(LatencyBuckets.QuantileMilliseconds(minute.Acceptance, 0.99)))],
                [.. minutes.Select(minute => minute.Accepted)],
                [.. minutes.Select(minute => minute.Failed)],
                [.. minutes.Select(minute => minute.ReplaySucceeded)],
                [.. minutes.Select(minute => minute.ReplayFailed)],
                [.. minutes.Select(minute => Round(LatencyBuckets.QuantileMilliseconds(minute.SyncLag, 0.99) / 1000))],
                report.ExceptionsOpen),
            cluster.Exceptions.ToDictionary(pair => pair.Key, pair => pair.Value.Open, StringComparer.Ordinal),
            cluster.Exceptions.Where(pair => pair.Value.OldestRaisedAt is not null)
                .ToDictionary(pair => pair.Key, pair => Math.Round(Math.Max(0, (report.AsOf - pair.Value.OldestRaisedAt!.Value).TotalSeconds), 1), StringComparer.Ordinal),
            cluster.OrdersByStatus,
            [.. cluster.Dependencies.Select(dependency => new DependencyStateResponse(
                dependency.Name, dependency.Degraded ? "degraded" : "up", dependency.DegradedSince, dependency.Reason))],
            [.. partners.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new PartnerTrafficResponse(
                pair.Key, pair.Value.Accepted, pair.Value.Throttled, pair.Value.FailedByReason))]);
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
}

/// <summary>Per-minute series of <see cref="OpsKpisResponse"/>, each with one value per minute (null: nothing to measure).</summary>
public sealed record KpiSeriesResponse(
    IReadOnlyList<double?> AcceptanceP50Ms,
    IReadOnlyList<double?> AcceptanceP99Ms,
    IReadOnlyList<int> OrdersAccepted,
    IReadOnlyList<int> SubmissionsFailed,
    IReadOnlyList<int> ReplaySucceeded,
    IReadOnlyList<int> ReplayFailed,
    IReadOnlyList<double?> SyncLagP99Seconds,
    IReadOnlyList<int?> ExceptionsOpen);

/// <summary>A downstream system's health: <c>up</c> or <c>degraded</c> (a circuit to it open on some silo) since when and why.</summary>
public sealed record DependencyStateResponse(string Name, string State, DateTimeOffset? Since, string? Reason);

/// <summary>
/// One partner's traffic over the window: new orders accepted, requests throttled (429), and requests that failed by
/// problem type. Partners beyond the label limit are summed up as <c>other</c>.
/// </summary>
public sealed record PartnerTrafficResponse(string PartnerId, int Accepted, int Throttled, IReadOnlyDictionary<string, int> FailedByReason);
