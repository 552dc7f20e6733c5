using System.Globalization;

namespace Throughput.Report;

/// <summary>Issue 7's targets, judged against this run's figures where the run measured them.</summary>
internal static class TargetList
{
    private const double TwoGiB = 2L * 1024 * 1024 * 1024;

    /// <summary>The targets that apply to the report's mode.</summary>
    public static IReadOnlyList<Target> Of(BenchmarkReport report)
    {
        var f = Figures.Of(report);
        var targets = new List<Target>();
        var baselineGoal = report.Mode switch
        {
            "Postgres" => 0.8,
            "Embedded" => 0.10,
            "Memory" => 0.20,
            _ => (double?)null,
        };
        if (f.BaselineRatio is { } ratio)
        {
            targets.Add(new Target($"orders/s (201, light windows) ÷ {f.BaselineName}", Format.Ratio(ratio),
                baselineGoal is { } goal ? $"≥ {Format.Ratio(goal)}" : "pass --mode to judge", baselineGoal is { } g ? ratio >= g : null));
        }

        var latencyGoal = report.Mode switch
        {
            "Postgres" => 30.0,
            "Embedded" => 15.0,
            _ => (double?)null,
        };
        if (report.OpenLoop is { } open && latencyGoal is { } ms)
        {
            var p99 = open.Latency.P99;
            targets.Add(new Target($"open-loop p99 at {open.TargetRate.ToString("0", CultureInfo.InvariantCulture)} orders/s (goal: at half the maximum)",
                Format.Ms(p99), $"≤ {ms.ToString(CultureInfo.InvariantCulture)} ms", p99 is { } v ? v <= ms : null));
        }

        if (f.WindowRatio is { } windows)
        {
            targets.Add(new Target(report.LongRun ? "last chunk ÷ first chunk 201/s (light)" : "second window ÷ first window 201/s (light)",
                Format.Ratio(windows), "≥ 0.80", windows >= 0.8));
        }

        if (report.Rss is { } rss)
        {
            targets.Add(new Target("API RSS peak", Format.Bytes(rss.PeakBytes), "< 2 GiB (over 1M orders)", report.LongRun ? rss.PeakBytes < TwoGiB : null));
        }

        if (report.Stock is { } stock)
        {
            targets.Add(new Target("oversold SKUs (every order of the run)", stock.Oversold.ToString(CultureInfo.InvariantCulture), "0", stock.Oversold == 0));
        }

        if (report.Drain is { } drain)
        {
            targets.Add(new Target("sampled orders ReleasedToWarehouse (verified phase)", $"{drain.Released}/{drain.Sampled} in {drain.Seconds:0.0} s",
                "all, within seconds", drain.Passed));
        }

        return targets;
    }
}
