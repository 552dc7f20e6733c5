using Throughput.Load;

namespace Throughput.Report;

/// <summary>
/// The headline numbers. Rate, latency, CPU per order and the window ratio come from the <b>light</b> measured
/// windows (wrk's summary; an order there is a 201, Accepted and OnHold alike). Per-order storage and
/// PostgreSQL figures span the whole run (warmup to drained, so the workflow's later writes are in) and are
/// divided by every order it created: the light phases' 2xx plus the 201s the run read (verified phase, open
/// loop, settling resends).
/// </summary>
internal sealed record Figures(
    double? OrdersPerSecond,
    LatencySummary? ClosedLoopLatency,
    double? CpuMsPerOrder,
    double? ApiCpuPercent,
    double? WindowRatio,
    string? BaselineName,
    double? BaselinePerSecond,
    double? BaselineRatio,
    long OrdersCreated,
    double? RowsWrittenPerOrder,
    double? TransactionsPerOrder,
    double? WriteTransactionsPerOrder,
    double? ReadTransactionsPerOrder,
    double? DeleteTransactionsPerOrder,
    double? RowsReadPerOrder,
    double? PgCommitsPerOrder,
    double? PgRowsChangedPerOrder,
    double? ExceptionsPerOrder,
    double? LockContentionsPerOrder,
    double? GcPauseMsPerOrder)
{
    /// <summary>Derives the figures of a report.</summary>
    public static Figures Of(BenchmarkReport report)
    {
        var windows = report.Windows;
        var seconds = windows.Sum(w => w.Seconds);
        var created = windows.Sum(w => w.Created);
        double? rate = windows.Count > 0 && seconds > 0 ? created / seconds : null;
        var cpuKnown = windows.Where(w => w.CpuMsPerCreatedOrder is not null).ToList();
        double? cpuMs = cpuKnown.Count > 0 && cpuKnown.Sum(w => w.Created) > 0
            ? cpuKnown.Sum(w => w.CpuMsPerCreatedOrder!.Value * w.Created) / cpuKnown.Sum(w => w.Created)
            : null;
        double? cpuPercent = cpuKnown.Count > 0 ? cpuKnown.Average(w => w.ApiCpuPercent ?? 0) : null;
        // Orders created (201): a SKU running out turns acceptances into OnHold captures, still work done.
        double? ratio = windows.Count >= 2 && windows[0].CreatedPerSecond > 0
            ? windows[^1].CreatedPerSecond / windows[0].CreatedPerSecond
            : null;

        var baselineName = report.PgBench is not null ? "pgbench -N tps" : report.HealthPerSecond is not null ? "/health/live req/s" : null;
        var baseline = report.PgBench?.Tps ?? report.HealthPerSecond;

        var orders = (report.Warmup?.Created ?? 0) + created + report.Totals.Created;
        double? PerOrder(double? value) => value is { } v && orders > 0 ? v / orders : null;
        var counters = report.Counters;
        return new Figures(
            rate,
            windows.Count > 0 ? Worst(windows.Select(w => w.Latency).ToList()) : null,
            cpuMs,
            cpuPercent,
            ratio,
            baselineName,
            baseline,
            rate is { } r && baseline is { } b && b > 0 ? r / b : null,
            orders,
            PerOrder(counters.RowsWritten),
            PerOrder(counters.Transactions),
            PerOrder(counters.WriteTransactions),
            PerOrder(counters.ReadTransactions),
            PerOrder(counters.DeleteTransactions),
            PerOrder(counters.RowsRead),
            PerOrder(report.Postgres?.Commits),
            PerOrder(report.Postgres?.RowsChanged),
            PerOrder(counters.Exceptions),
            PerOrder(counters.LockContentions),
            PerOrder(counters.GcPauseSeconds * 1000));
    }

    /// <summary>The worst value of each percentile over the windows (one slow window is not averaged away).</summary>
    private static LatencySummary Worst(IReadOnlyList<LatencySummary> all) => new(
        all.Max(l => l.P50), all.Max(l => l.P90), all.Max(l => l.P95), all.Max(l => l.P99), all.Max(l => l.Max), all.Average(l => l.Mean));
}
