namespace ChannelTraffic;

public static class SummaryPrinter
{
    public static void Print(RunSummary s, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("== ChannelTraffic summary ==");
        output.WriteLine($"machine         : {s.Machine.MachineName}, {s.Machine.ProcessorCount} logical processors, {s.Machine.Os} {s.Machine.Architecture}, {s.Machine.Runtime}");
        output.WriteLine($"options         : {string.Join(' ', s.Options.Select(o => $"{o.Key}={o.Value}"))}");
        output.WriteLine($"started (UTC)   : {s.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}   setup {s.SetupSeconds:0.00} s");
        output.WriteLine($"requests        : {s.TotalRequests} in {s.TrafficSeconds:0.00} s = {s.RequestsPerSecond:0.0} req/s  (planned {s.Planned}, not sent {s.NotSent})");
        output.WriteLine($"                  {s.FirstSubmissions} first submissions, {s.DuplicateSubmissions} duplicate resubmissions");
        output.WriteLine($"orders created  : {s.OrdersCreated} = {s.OrdersPerSecond:0.0} orders/s");
        output.WriteLine($"  accepted      : {s.Accepted,7}  (2xx, status Accepted)");
        output.WriteLine($"  on hold       : {s.OnHold,7}  (2xx, status OnHold)");
        if (s.OtherOrderStatuses.Count > 0)
        {
            output.WriteLine($"  other status  : {string.Join(", ", s.OtherOrderStatuses.Select(p => $"{p.Key} {p.Value}"))}");
        }

        output.WriteLine("duplicates");
        output.WriteLine($"  replayed      : {s.DuplicatesReplayed,7}  (Idempotent-Replayed: true; {s.ReplayedOnOriginals} on the original because its duplicate got there first)");
        output.WriteLine($"  409 in flight : {s.InFlightConflicts,7}  (allowed: same key while the first is still in flight)");
        output.WriteLine($"  orders created: {s.DuplicateOrdersCreated,7}  (same key, different orderId; must be 0)");

        output.WriteLine("http status          first  duplicate      total");
        foreach (var row in s.StatusCounts)
        {
            output.WriteLine($"  {row.Status,-12} {row.First,11} {row.Duplicate,10} {row.Total,10}");
        }

        output.WriteLine(
            $"errors          : 4xx {s.ClientErrors} ({s.InFlightConflicts} of them allowed 409)   5xx {s.ServerErrors}   "
            + $"timeouts {s.Timeouts}   transport {s.TransportErrors}   cancelled {s.Cancelled}");

        output.WriteLine($"acceptance latency, first submissions answered 2xx and not replayed (n={s.AcceptanceLatency.Count}):");
        output.WriteLine($"  {Format(s.AcceptanceLatency)}");
        if (s.ReplayLatency.Count > 0)
        {
            output.WriteLine($"replay latency (n={s.ReplayLatency.Count}):");
            output.WriteLine($"  {Format(s.ReplayLatency)}");
        }

        if (s.ErrorSamples.Count > 0)
        {
            output.WriteLine("error samples (status x count: detail [a correlation id to look up]):");
            foreach (var sample in s.ErrorSamples)
            {
                output.WriteLine($"  {sample.Status} x{sample.Count}: {sample.Detail} [{sample.ExampleCorrelationId}]");
            }
        }

        foreach (var warning in s.Warnings)
        {
            output.WriteLine($"warning: {warning}");
        }

        output.WriteLine(s.Passed ? "result: PASS" : $"result: FAIL - {string.Join("; ", s.FailureReasons)}");
    }

    private static string Format(LatencyStats l) =>
        $"p50 {l.P50Ms:0.0} ms   p95 {l.P95Ms:0.0} ms   p99 {l.P99Ms:0.0} ms   max {l.MaxMs:0.0} ms   mean {l.MeanMs:0.0} ms";
}
