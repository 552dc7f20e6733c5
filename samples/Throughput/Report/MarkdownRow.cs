using System.Globalization;

namespace Throughput.Report;

/// <summary>
/// One line of the docs/performance.md table, so before/after runs line up. The column names say where each
/// figure comes from: "light" = the measured windows (request-only wrk script, wrk's summary), "run" = the
/// whole run divided by every order created, "verified" = the verified phase (every response read).
/// </summary>
internal static class MarkdownRow
{
    /// <summary>Column names.</summary>
    public const string Header =
        "| run | mode | workload | orders/s (light) | p50 / p99 ms (light) | open-loop p99 | CPU ms/order (light) | rows written/order (run) "
        + "| storage tx/order (run) | PG commits/order (run) | baseline | ratio (light) | RSS peak | verified: Accepted / OnHold, stock |";

    /// <summary>The separator line under the header.</summary>
    public const string Separator = "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    /// <summary>The row for a report.</summary>
    public static string Of(BenchmarkReport r)
    {
        var f = r.Figures;
        var openLoop = r.OpenLoop is { } open
            ? $"{Format.Number(open.Latency.P99)} ms @ {open.TargetRate.ToString("0", CultureInfo.InvariantCulture)}/s"
            : Format.NotAvailable;
        var baseline = f.BaselinePerSecond is { } b ? $"{Format.Number(b)} {f.BaselineName}" : Format.NotAvailable;
        var stock = r.Stock is not { } s ? "not checked"
            : s.Oversold > 0 ? $"{s.Oversold} OVERSOLD"
            : !s.Exact ? "0 oversold"
            : s.Passed && s.Mismatched == 0 ? "0 oversold, exact"
            : $"0 oversold, {s.Verdict}";
        var verified = r.Verified is { } v
            ? $"{Format.Count(v.Accepted ?? 0)} / {Format.Count(v.OnHold ?? 0)} in {Format.Number(v.Seconds)} s, {stock}"
            : $"none, {stock}";
        string[] cells =
        [
            r.Label,
            r.Mode,
            r.Workload,
            Format.Number(f.OrdersPerSecond),
            $"{Format.Number(f.ClosedLoopLatency?.P50)} / {Format.Number(f.ClosedLoopLatency?.P99)}",
            openLoop,
            Format.Number(f.CpuMsPerOrder),
            Format.Number(f.RowsWrittenPerOrder),
            Format.Number(f.TransactionsPerOrder),
            Format.Number(f.PgCommitsPerOrder),
            baseline,
            Format.Ratio(f.BaselineRatio),
            Format.Bytes(r.Rss?.PeakBytes),
            verified,
        ];
        return "| " + string.Join(" | ", cells) + " |";
    }
}
