using System.Globalization;
using System.Text.RegularExpressions;
using Throughput.Api;
using Throughput.Setup;

namespace Throughput.Load;

/// <summary>
/// Reads wrk's output: its own report (<c>--latency</c> distribution, Requests/sec) and the <c>@@</c> lines
/// the generated script's <c>done()</c> prints (both scripts: wrk's summary, latency and requests sent per
/// thread; the counting script also its tallies). p50/p90/p99 come from wrk's distribution, p95/max/mean
/// from the script (wrk's text has no p95).
/// </summary>
internal static partial class WrkOutputParser
{
    private static readonly string[] StatusNames = ["?", "Accepted", "OnHold", "ErpCommitted", "ReleasedToWarehouse", "Other"];

    /// <summary>
    /// Parses one run's standard output. <paramref name="fixture"/> and <paramref name="phase"/> turn the
    /// script's numbers back into SKUs and Idempotency-Keys (null for runs without the script).
    /// </summary>
    public static WrkResult Parse(string output, Fixture? fixture = null, string? phase = null)
    {
        var distribution = new Dictionary<int, double>();
        double? requestsPerSecond = null;
        double durationSeconds = 0;
        long requests = 0;
        long? sent = null;
        var errors = new WrkErrors(0, 0, 0, 0, 0);
        double?[] scriptLatency = [null, null, null, null, null, null];
        var tally = new LoadTally();

        foreach (var line in output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                switch (f[0])
                {
                    case "@@summary":
                        durationSeconds = Long(f[1]) / 1e6;
                        requests = Long(f[2]);
                        errors = new WrkErrors(Long(f[4]), Long(f[5]), Long(f[6]), Long(f[7]), Long(f[8]));
                        break;
                    case "@@sent":
                        sent = (sent ?? 0) + Long(f[1]);
                        break;
                    case "@@latency":
                        scriptLatency = [.. f.Skip(1).Select(v => (double?)(Double(v) / 1000))];
                        break;
                    case "@@status":
                        tally.AddStatus((int)Long(f[1]), Long(f[2]));
                        break;
                    case "@@outcome":
                        tally.AddOrderStatus(StatusNames[Math.Clamp((int)Long(f[1]), 0, StatusNames.Length - 1)], Long(f[2]));
                        break;
                    case "@@reserved" when fixture is not null:
                        tally.AddAcceptedQuantity(fixture.Skus[(int)Long(f[1]) - 1], Long(f[2]));
                        break;
                    case "@@sample" when OrderIdPattern().IsMatch(f[1]):
                        tally.SampledOrderIds.Add(f[1]);
                        break;
                    case "@@problem":
                        tally.AddProblem(line["@@problem ".Length..]);
                        break;
                    case "@@unanswered" when fixture is not null:
                        var key = WrkScript.Key(fixture.RunId, phase ?? "x", (int)Long(f[1]), Long(f[2]));
                        var sku = fixture.Skus[(int)Long(f[3]) - 1];
                        tally.Unanswered.Add(new OrderSpec(key, sku, fixture.Quantity, "C-" + f[4]));
                        break;
                    case "@@unreadable":
                        tally.AddUnreadable(Long(f[1]));
                        break;
                    default:
                        break;
                }

                continue;
            }

            if (DistributionLine().Match(line) is { Success: true } d)
            {
                distribution[int.Parse(d.Groups[1].Value, CultureInfo.InvariantCulture)] = Milliseconds(d.Groups[2].Value, d.Groups[3].Value);
            }
            else if (RequestsPerSecondLine().Match(line) is { Success: true } r)
            {
                requestsPerSecond = Double(r.Groups[1].Value);
            }
            else if (TotalsLine().Match(line) is { Success: true } t && requests == 0)
            {
                // Runs without the script (the /health/live baseline) have only wrk's own totals.
                requests = Long(t.Groups[1].Value);
                durationSeconds = Milliseconds(t.Groups[2].Value, t.Groups[3].Value) / 1000;
            }
        }

        var latency = new LatencySummary(
            Pick(distribution, 50) ?? scriptLatency[0],
            Pick(distribution, 90) ?? scriptLatency[1],
            scriptLatency[2],
            Pick(distribution, 99) ?? scriptLatency[3],
            scriptLatency[4],
            scriptLatency[5]);
        return new WrkResult(durationSeconds, requests, sent, requestsPerSecond, latency, errors, tally);
    }

    private static double? Pick(Dictionary<int, double> distribution, int percentile) =>
        distribution.TryGetValue(percentile, out var value) ? value : null;

    private static double Milliseconds(string value, string unit) => Double(value) * unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => double.NaN,
    };

    private static long Long(string value) => (long)Double(value);

    private static double Double(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d+)%\s+([\d.]+)(us|ms|s|m|h)$")]
    private static partial Regex DistributionLine();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex OrderIdPattern();

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"^(\d+) requests in ([\d.]+)(us|ms|s|m|h),")]
    private static partial Regex TotalsLine();
}
