using System.Globalization;
using Throughput.Load;

namespace Throughput.Report;

/// <summary>Prints the report as a readable summary, the targets, and a markdown row for docs/performance.md.</summary>
internal static class SummaryPrinter
{
    private const int LabelWidth = 40;
    private const int ColumnWidth = 16;

    /// <summary>Writes everything to <paramref name="o"/>.</summary>
    public static void Print(BenchmarkReport report, TextWriter o)
    {
        var f = report.Figures;
        o.WriteLine();
        o.WriteLine($"== Throughput {report.RunId}: {report.Mode}, {report.Workload}, {report.LoadShape} ==");
        o.WriteLine($"API {report.Url} (pid {report.ApiPid?.ToString(CultureInfo.InvariantCulture) ?? Format.NotAvailable}), "
            + $"{report.ProcessorCount} logical processors shared with the load generator{(report.Interrupted ? "; INTERRUPTED" : string.Empty)}");
        PrintBaseline(report, o);
        PrintWindows(report, o);
        PrintOpenLoop(report.OpenLoop, o);
        PrintPerOrder(report, f, o);
        PrintChecks(report, o);
        PrintTargets(report.Targets, o);
        o.WriteLine();
        o.WriteLine("markdown row for docs/performance.md:");
        o.WriteLine(MarkdownRow.Header);
        o.WriteLine(MarkdownRow.Separator);
        o.WriteLine(MarkdownRow.Of(report));
    }

    private static void PrintBaseline(BenchmarkReport report, TextWriter o)
    {
        if (report.PgBench is { } pg)
        {
            o.WriteLine($"baseline: pgbench -N -c {pg.Clients} -j 2 -T {pg.Seconds} on database {pg.Database}: {Format.Number(pg.Tps)} tps");
        }
        else if (report.HealthPerSecond is { } health)
        {
            o.WriteLine($"baseline: /health/live with the same wrk shape: {Format.Number(health)} req/s");
        }
        else
        {
            o.WriteLine("baseline: none measured");
        }
    }

    private static void PrintWindows(BenchmarkReport report, TextWriter o)
    {
        var windows = report.Windows;
        if (windows.Count == 0)
        {
            o.WriteLine("closed loop: no measured window");
            return;
        }

        var shown = windows.Count <= 4 ? windows : [windows[0], windows[^1]];
        o.WriteLine();
        Row(o, "closed loop (wrk)", shown.Select(w => w.Name));
        Row(o, "seconds", shown.Select(w => Format.Number(w.Seconds)));
        Row(o, "accepted orders/s", shown.Select(w => Format.Number(w.AcceptedPerSecond)));
        Row(o, "201 responses/s", shown.Select(w => Format.Number(w.CreatedPerSecond)));
        Row(o, "accepted / on hold", shown.Select(w => $"{Format.Count(w.Accepted)} / {Format.Count(w.OnHold)}"));
        Row(o, "latency p50 ms", shown.Select(w => Format.Number(w.Latency.P50)));
        Row(o, "latency p90 ms", shown.Select(w => Format.Number(w.Latency.P90)));
        Row(o, "latency p95 ms", shown.Select(w => Format.Number(w.Latency.P95)));
        Row(o, "latency p99 ms", shown.Select(w => Format.Number(w.Latency.P99)));
        Row(o, "latency max ms", shown.Select(w => Format.Number(w.Latency.Max)));
        Row(o, "non-201 responses", shown.Select(w => Format.Count(w.NotCreated)));
        Row(o, "socket errors / unanswered at stop", shown.Select(w => $"{Format.Count(w.SocketErrors)} / {w.Unanswered}"));
        Row(o, "API CPU %", shown.Select(w => Format.Number(w.ApiCpuPercent)));
        Row(o, "API CPU ms per accepted order", shown.Select(w => Format.Number(w.CpuMsPerAcceptedOrder)));
        Row(o, "API RSS at end", shown.Select(w => Format.Bytes(w.RssEndBytes)));
        if (windows.Count > 1)
        {
            var f = report.Figures;
            o.WriteLine($"{windows.Count} {(report.LongRun ? "chunks" : "windows")} together: {Format.Number(f.AcceptedPerSecond)} accepted orders/s, "
                + $"ratio last/first {Format.Ratio(f.WindowRatio)}");
        }

        if (report.Warmup is { } warmup)
        {
            o.WriteLine($"(warmup, excluded: {Format.Number(warmup.Seconds)} s, {Format.Number(warmup.AcceptedPerSecond)} accepted/s)");
        }
    }

    private static void PrintOpenLoop(OpenLoopResult? open, TextWriter o)
    {
        if (open is null)
        {
            return;
        }

        o.WriteLine();
        o.WriteLine($"open loop (fixed rate, latency from scheduled send): {Format.Number(open.TargetRate)} orders/s for {Format.Number(open.DurationSeconds)} s");
        o.WriteLine($"  sent {Format.Count(open.Scheduled)} ({Format.Number(open.SentPerSecond)}/s), accepted {Format.Number(open.AcceptedPerSecond)}/s, "
            + $"non-201 {Format.Count(open.Tally.Statuses.Where(s => s.Key != 201).Sum(s => s.Value))}, scheduler max lag {Format.Ms(open.MaxSendLagMs)}");
        o.WriteLine($"  latency p50 {Format.Ms(open.Latency.P50)}, p95 {Format.Ms(open.Latency.P95)}, p99 {Format.Ms(open.Latency.P99)}, max {Format.Ms(open.Latency.Max)}");
    }

    private static void PrintPerOrder(BenchmarkReport report, Figures f, TextWriter o)
    {
        var c = report.Counters;
        o.WriteLine();
        o.WriteLine($"per accepted order, whole run ({Format.Count(report.Totals.Accepted)} accepted orders, warmup to drained):");
        Line(o, "storage rows written (/metrics)", Format.Number(f.RowsWrittenPerOrder));
        Line(o, "storage transactions (/metrics)", $"{Format.Number(f.TransactionsPerOrder)} (write {Format.Number(f.WriteTransactionsPerOrder)}, "
            + $"read {PerOrder(c.ReadTransactions, report)}, delete {PerOrder(c.DeleteTransactions, report)})");
        Line(o, "storage rows read (/metrics)", Format.Number(f.RowsReadPerOrder));
        Line(o, "PostgreSQL commits (pg_stat_database)", Format.Number(f.PgCommitsPerOrder));
        Line(o, "PostgreSQL rows ins+upd+del", Format.Number(f.PgRowsChangedPerOrder));
        Line(o, "exceptions thrown in the API", Format.Number(f.ExceptionsPerOrder));
        Line(o, "monitor lock contentions", Format.Number(f.LockContentionsPerOrder));
        Line(o, "GC pause", Format.Ms(f.GcPauseMsPerOrder));
        o.WriteLine($"GC collections during the run: gen0 {Format.Count(c.Gen0Collections)}, gen1 {Format.Count(c.Gen1Collections)}, gen2 {Format.Count(c.Gen2Collections)}");
        if (report.Rss is { } rss)
        {
            o.WriteLine($"API RSS: start {Format.Bytes(rss.StartBytes)}, peak {Format.Bytes(rss.PeakBytes)}, end {Format.Bytes(rss.EndBytes)}");
        }
    }

    private static void PrintChecks(BenchmarkReport report, TextWriter o)
    {
        var t = report.Totals;
        o.WriteLine();
        var statuses = string.Join(", ", t.Statuses.Select(s => $"{(s.Key == 0 ? "no answer" : s.Key.ToString(CultureInfo.InvariantCulture))}: {Format.Count(s.Value)}"));
        var orderStatuses = string.Join(", ", t.OrderStatuses.Select(s => $"{s.Key} {Format.Count(s.Value)}"));
        o.WriteLine($"all responses: {statuses}; order status in the 201s: {orderStatuses}");
        foreach (var problem in t.Problems)
        {
            o.WriteLine($"  e.g. {problem}");
        }

        if (t.OtherCreated > 0)
        {
            o.WriteLine($"  note: {Format.Count(t.OtherCreated)} 201(s) carried neither Accepted nor OnHold: a resend with the same Idempotency-Key "
                + "was answered with the order's current state instead of the first response (API v1 promises the first response)");
        }

        o.WriteLine($"unanswered at a phase's end: {report.Settled + report.Unsettled}, settled by resending with the same Idempotency-Key: {report.Settled} "
            + $"({Format.Count(t.Replayed)} replayed), unknown: {report.Unsettled}");
        if (t.Unreadable > 0)
        {
            o.WriteLine($"  {Format.Count(t.Unreadable)} 201(s) had a body the wrk script could not read a SKU and quantity from");
        }

        foreach (var example in report.UnsettledExamples)
        {
            o.WriteLine($"  unknown: {example}");
        }

        if (report.Drain is { } d)
        {
            var left = d.NotReleasedByStatus.Count == 0
                ? string.Empty
                : "; not released: " + string.Join(", ", d.NotReleasedByStatus.Select(kv => $"{kv.Key} {kv.Value}"));
            o.WriteLine($"drain: {d.Released}/{d.Sampled} sampled accepted orders reached ReleasedToWarehouse by {d.Seconds:0.0} s after the load "
                + $"(first check at {d.FirstCheckSeconds:0.0} s){left}");
        }

        if (report.Stock is { } s)
        {
            var verdict = s.Mismatched == 0 ? "every reservation = accepted quantity" : s.UnsettledRequests > 0 ? "inconclusive (unsettled requests)" : "MISMATCH";
            o.WriteLine($"stock: {s.Skus.Count} SKUs, {s.Oversold} oversold, {s.Mismatched} reservation mismatches: {verdict}");
            foreach (var sku in s.Skus.Where(x => x.Oversold || !x.Matches || x.Stock < Options.BenchmarkOptions.MaxStock).Take(10))
            {
                o.WriteLine($"  {sku.Sku}: stock {Format.Count(sku.Stock)}, accepted quantity {Format.Count(sku.AcceptedQuantity)}, "
                    + $"API onHand {Format.Count(sku.OnHand)} reserved {Format.Count(sku.Reserved)}");
            }
        }
    }

    private static void PrintTargets(IReadOnlyList<Target> targets, TextWriter o)
    {
        o.WriteLine();
        o.WriteLine("targets (issue 7):");
        foreach (var t in targets)
        {
            var mark = t.Met switch { true => "PASS", false => "FAIL", null => " -- " };
            o.WriteLine($"  [{mark}] {t.Name}: {t.Measured} (goal {t.Goal})");
        }
    }

    private static string PerOrder(double? value, BenchmarkReport report) =>
        Format.Number(value is { } v && report.Totals.Accepted > 0 ? v / report.Totals.Accepted : null);

    private static void Row(TextWriter o, string label, IEnumerable<string> cells) =>
        o.WriteLine(label.PadRight(LabelWidth) + string.Concat(cells.Select(cell => cell.PadLeft(ColumnWidth))));

    private static void Line(TextWriter o, string label, string value) => o.WriteLine("  " + label.PadRight(LabelWidth) + value);
}
