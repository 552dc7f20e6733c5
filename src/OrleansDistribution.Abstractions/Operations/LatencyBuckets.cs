namespace OrleansDistribution.Abstractions.Operations;

/// <summary>
/// The fixed buckets the ops console's minute figures count durations in: upper bounds growing by a quarter from half a
/// millisecond to about eight hours (80 bounds, plus one bucket for anything longer), so a p99 read from them is within
/// 25 % of the true value at any scale, from a fast acceptance to an hour of ERP sync lag, and minutes from different
/// silos add up bucket by bucket.
/// </summary>
public static class LatencyBuckets
{
    private const double FirstBoundMilliseconds = 0.5;
    private const double Growth = 1.25;

    /// <summary>Upper bounds, in milliseconds.</summary>
    public static IReadOnlyList<double> BoundsMilliseconds { get; } = [.. Enumerable.Range(0, 80).Select(i => FirstBoundMilliseconds * Math.Pow(Growth, i))];

    /// <summary>Number of buckets (one more than bounds: the last is open-ended).</summary>
    public static int Count => BoundsMilliseconds.Count + 1;

    /// <summary>The bucket of a duration.</summary>
    public static int IndexOf(TimeSpan duration)
    {
        var milliseconds = duration.TotalMilliseconds;
        if (milliseconds <= FirstBoundMilliseconds)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(Math.Log(milliseconds / FirstBoundMilliseconds, Growth) - 1e-9);
        return Math.Min(index, Count - 1);
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0 to 1) of the durations counted in <paramref name="counts"/>, interpolated
    /// linearly inside its bucket; null when nothing was counted. The open-ended bucket answers its lower bound.
    /// </summary>
    public static double? QuantileMilliseconds(IReadOnlyList<long> counts, double quantile)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, quantile * total);
        long below = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] > 0 && below + counts[i] >= rank)
            {
                var lower = i == 0 ? 0 : BoundsMilliseconds[i - 1];
                if (i >= BoundsMilliseconds.Count)
                {
                    return lower;
                }

                var upper = BoundsMilliseconds[i];
                return lower + ((upper - lower) * (rank - below) / counts[i]);
            }

            below += counts[i];
        }

        return BoundsMilliseconds[^1];
    }
}
