namespace Throughput.Load;

/// <summary>Latency percentiles of a phase, in milliseconds; null where the tool did not report one.</summary>
internal sealed record LatencySummary(double? P50, double? P90, double? P95, double? P99, double? Max, double? Mean)
{
    /// <summary>Percentiles of raw samples (nearest rank).</summary>
    public static LatencySummary Of(IReadOnlyList<double> samplesMs)
    {
        if (samplesMs.Count == 0)
        {
            return new LatencySummary(null, null, null, null, null, null);
        }

        var sorted = samplesMs.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(Rank(50), Rank(90), Rank(95), Rank(99), sorted[^1], sorted.Average());
    }
}
