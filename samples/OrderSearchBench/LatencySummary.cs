using System.Globalization;

namespace OrderSearchBench;

/// <summary>Percentiles of one kind of search, in milliseconds.</summary>
internal sealed record LatencySummary(string Kind, int Count, double P50, double P90, double P99, double Max, double MeanRows)
{
    /// <summary>Summarizes measured latencies (nearest-rank percentiles).</summary>
    public static LatencySummary Of(string kind, List<double> milliseconds, double meanRows)
    {
        milliseconds.Sort();
        double Rank(double p) => milliseconds[Math.Clamp((int)Math.Ceiling(p * milliseconds.Count) - 1, 0, milliseconds.Count - 1)];
        return new LatencySummary(kind, milliseconds.Count, Rank(0.50), Rank(0.90), Rank(0.99), milliseconds[^1], meanRows);
    }

    /// <summary>The table header.</summary>
    public static string Header => "| search | n | p50 ms | p90 ms | p99 ms | max ms | rows/answer |\n|---|---:|---:|---:|---:|---:|---:|";

    /// <summary>One table row.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"| {Kind} | {Count} | {P50:F2} | {P90:F2} | {P99:F2} | {Max:F2} | {MeanRows:F1} |");
}
