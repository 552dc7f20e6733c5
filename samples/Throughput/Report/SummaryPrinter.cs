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
        o.WriteLine();
        if (windows.Count == 0)
        {
            o.WriteLine("closed loop: no measured window");
        }

        // Light phases (the figures) first, then the verified phase for comparison: it reads every response,
        // which costs the load generator CPU the API shares, so its rate is not the maximum.
        List<WindowResult> shown = windows.Count <= 4 ? [.. windows] : [windows[0], windows[^1]];
        if (report.Verified is { } verified)
        {
            shown.Add(verified);
        }

        if (shown.Count > 0)
        {
            Row(o, "closed loop (wrk)", shown.Select(w => w.Name));
            Row(o, "script", shown.Select(w => w.Counting ? "counting" : "light"));
            Row(o, "seconds", shown.Select(w => Format.Number(w.Seconds)));
            Row(o, "orders/s (201)", shown.Select(w => Format.Number(w.CreatedPerSecond)));
            Row(o, "  of which Accepted/s", shown.Select(w => Format.Number(w.AcceptedPerSecond)));
            Row(o, "orders Accepted / OnHold", shown.Select(w => w.Counting ? $"{Format.Count(w.Accepted ?? 0)} / {Format.Count(w.OnHold ?? 0)}" : "n/a"));
            Row(o, "latency p50 ms", shown.Select(w => Format.Number(w.Latency.P50)));
            Row(o, "latency p90 ms", shown.Select(w => Format.Number(w.Latency.P90)));
            Row(o, "latency p95 ms", shown.Select(w => Format.Number(w.Latency.P95)));
            Row(o, "latency p99 ms", shown.Select(w => Format.Number(w.Latency.P99)));
            Row(o, "latency max ms", shown.Select(w => Format.Number(w.Latency.Max)));
            Row(o, "non-2xx responses", shown.Select(w => Format.Count(w.NotCreated)));
            Row(o, "socket errors / unanswered at stop", shown.Select(w => $"{Format.Count(w.SocketErrors)} / {(w.Unanswered is { } u ? Format.Count(u) : Format.NotAvailable)}"));
            Row(o, "API CPU %", shown.Select(w => Format.Number(w.ApiCpuPercent)));
            Row(o, "API CPU ms per order (201)", shown.Select(w => Format.Number(w.CpuMsPerCreatedOrder)));
            Row(o, "API RSS at end", shown.Select(w => Format.Bytes(w.RssEndBytes)));
        }

        if (windows.Count > 0)
        {
            var f = report.Figures;
            var what = (report.LongRun ? "chunk" : "window") + (windows.Count == 1 ? string.Empty : "s");
            o.WriteLine($"figures from {windows.Count} light {what} (wrk's summary: orders/s = (requests - non-2xx) / duration, a 2xx being a 201): "
                + $"{Format.Number(f.OrdersPerSecond)} orders/s{(windows.Count > 1 ? $", ratio last/first {Format.Ratio(f.WindowRatio)}" : string.Empty)}");
            o.WriteLine("  Accepted vs OnHold, the status breakdown, the stock checks and the drain sample come from the verified phase"
                + (report.Verified is null ? " (not run: --verify-duration 0)" : string.Empty));
        }

        if (report.Warmup is { } warmup)
        {
            o.WriteLine($"(warmup, light, excluded: {Format.Number(warmup.Seconds)} s, {Format.Number(warmup.CreatedPerSecond)} orders/s)");
        }

        if (report.LightServerAnswers is { } answers)
        {
            var wrkCreated = (report.Warmup?.Created ?? 0) + windows.Sum(w => w.Created);
            var byStatus = string.Join(", ", answers.Select(a => $"{a.Key.ToString(CultureInfo.InvariantCulture)}: {Format.Count(a.Value)}"));
            o.WriteLine($"light phases as the API counted POST /v1/orders: {(byStatus.Length > 0 ? byStatus : "none")}; "
                + $"{Format.Count(answers.GetValueOrDefault(201) - wrkCreated)} 201s more than wrk read, and any 4xx wrk did not see, are requests "
                + $"it abandoned when it stopped (499: closed before the answer; the API settled {Format.Number(report.LightSettleSeconds)} s later)");
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
        var light = (report.Warmup?.Created ?? 0) + report.Windows.Sum(w => w.Created);
        o.WriteLine();
        o.WriteLine($"per order, whole run (warmup to drained) ÷ {Format.Count(f.OrdersCreated)} orders created: "
            + $"{Format.Count(light)} 2xx of the light phases + {Format.Count(report.Totals.Created)} 201s read (verified phase, open loop, resends):");
        Line(o, "storage rows written (/metrics)", Format.Number(f.RowsWrittenPerOrder));
        Line(o, "storage transactions (/metrics)", $"{Format.Number(f.TransactionsPerOrder)} (write {Format.Number(f.WriteTransactionsPerOrder)}, "
            + $"read {Format.Number(f.ReadTransactionsPerOrder)}, delete {Format.Number(f.DeleteTransactionsPerOrder)})");
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
        o.WriteLine($"responses read (verified phase, open loop, resends): {(statuses.Length > 0 ? statuses : "none")}; "
            + $"order status in the 201s: {(orderStatuses.Length > 0 ? orderStatuses : "none")}");
        if (report.LightFailures > 0)
        {
            o.WriteLine($"light phases: {Format.Count(report.LightFailures)} failure(s) (non-2xx or socket errors seen by wrk, 5xx counted by the API): "
                + "wrk reads no bodies there; the verified phase's examples, if any, are below");
        }
        foreach (var problem in t.Problems)
        {
            o.WriteLine($"  e.g. {problem}");
        }

        if (t.OtherCreated > 0)
        {
            o.WriteLine($"  note: {Format.Count(t.OtherCreated)} 201(s) carried neither Accepted nor OnHold: a resend with the same Idempotency-Key "
                + "was answered with the order's current state instead of the first response (API v1 promises the first response)");
        }

        o.WriteLine($"unanswered at the end of a phase that reads responses: {report.Settled + report.Unsettled}, settled by resending with the same Idempotency-Key: {report.Settled} "
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
            o.WriteLine($"stock: {s.Skus.Count} SKU(s), {s.Oversold} oversold (every order of the run: reserved ≤ stock and ≤ on-hand "
                + $"{(s.Exact ? "before the counting phases and at the end" : "at the end")}"
                + $"{(s.Exact ? ", and the counting phases accepted no more than was available when they started" : string.Empty)})");
            o.WriteLine(s.Exact
                ? $"  exact accounting (reserved delta over the counting phases = their accepted quantity): {s.Mismatched} mismatch(es): {s.Verdict}"
                : "  exact accounting: not checked (no verified phase or open loop read the answers)");
            foreach (var sku in s.Skus.Where(x => x.Oversold || !x.Matches || x.Stock < Options.BenchmarkOptions.MaxStock).Take(10))
            {
                var before = sku.Before is { } b ? $"before the counting phases onHand {Format.Count(b.OnHand)} reserved {Format.Count(b.Reserved)}, " : string.Empty;
                o.WriteLine($"  {sku.Sku}: stock {Format.Count(sku.Stock)}; {before}at the end onHand {Format.Count(sku.After.OnHand)} reserved {Format.Count(sku.After.Reserved)} "
                    + $"(available {Format.Count(sku.After.Available)}); counting phases: reserved +{(sku.ReservedDelta is { } delta ? Format.Count(delta) : Format.NotAvailable)}, "
                    + $"accepted quantity {Format.Count(sku.AcceptedQuantity)}");
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

    private static void Row(TextWriter o, string label, IEnumerable<string> cells) =>
        o.WriteLine(label.PadRight(LabelWidth) + string.Concat(cells.Select(cell => cell.PadLeft(ColumnWidth))));

    private static void Line(TextWriter o, string label, string value) => o.WriteLine("  " + label.PadRight(LabelWidth) + value);
}
