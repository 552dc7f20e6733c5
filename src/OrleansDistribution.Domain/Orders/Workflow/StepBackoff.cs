namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>
/// When a failing step is tried again: exponential from <see cref="WorkflowTimings.StepRetryDelay"/>, capped at
/// <see cref="WorkflowTimings.MaxStepRetryDelay"/>, with "equal jitter" (half fixed, half spread) so orders that
/// failed together during an outage do not all come back in the same instant. The spread is derived from the
/// order ID and the attempt, so the decider stays a pure function and tests can predict it.
/// </summary>
public static class StepBackoff
{
    /// <summary>The wait after <paramref name="failures"/> failed attempts (at least one) of the order's pending step.</summary>
    public static TimeSpan After(int failures, string orderId, WorkflowTimings timings)
    {
        var exponent = Math.Clamp(failures - 1, 0, 20);
        var ceiling = Math.Min(timings.StepRetryDelay.Ticks * (double)(1L << exponent), timings.MaxStepRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)(ceiling / 2 + ceiling / 2 * Spread(orderId, failures)));
    }

    /// <summary>A number in [0, 1) fixed by the order and attempt (FNV-1a: string.GetHashCode differs per process).</summary>
    private static double Spread(string orderId, int failures)
    {
        var hash = 2166136261u;
        foreach (var c in orderId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ (uint)failures) * 16777619u;
        return (hash % 10_000) / 10_000.0;
    }
}
