using System.Globalization;

namespace Throughput.Report;

/// <summary>One line of the docs/performance.md table, so before/after runs line up.</summary>
internal static class MarkdownRow
{
    /// <summary>Column names.</summary>
    public const string Header =
        "| run | mode | workload | orders/s | p50 / p99 ms | open-loop p99 | CPU ms/order | rows written/order | storage tx/order | PG commits/order | baseline | ratio | RSS peak |";

    /// <summary>The separator line under the header.</summary>
    public const string Separator = "|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    /// <summary>The row for a report.</summary>
    public static string Of(BenchmarkReport r)
    {
        var f = r.Figures;
        var openLoop = r.OpenLoop is { } open
            ? $"{Format.Number(open.Latency.P99)} ms @ {open.TargetRate.ToString("0", CultureInfo.InvariantCulture)}/s"
            : Format.NotAvailable;
        var baseline = f.BaselinePerSecond is { } b ? $"{Format.Number(b)} {f.BaselineName}" : Format.NotAvailable;
        string[] cells =
        [
            r.Label,
            r.Mode,
            r.Workload,
            Format.Number(f.AcceptedPerSecond),
            $"{Format.Number(f.ClosedLoopLatency?.P50)} / {Format.Number(f.ClosedLoopLatency?.P99)}",
            openLoop,
            Format.Number(f.CpuMsPerAcceptedOrder),
            Format.Number(f.RowsWrittenPerOrder),
            Format.Number(f.TransactionsPerOrder),
            Format.Number(f.PgCommitsPerOrder),
            baseline,
            Format.Ratio(f.BaselineRatio),
            Format.Bytes(r.Rss?.PeakBytes),
        ];
        return "| " + string.Join(" | ", cells) + " |";
    }
}
