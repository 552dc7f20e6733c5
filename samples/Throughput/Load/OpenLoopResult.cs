namespace Throughput.Load;

/// <summary>
/// The fixed-rate phase: the rate asked for, what was sent and answered, and latency measured from each
/// request's scheduled send time (so a slow server cannot hide its queueing: no coordinated omission).
/// </summary>
internal sealed record OpenLoopResult(
    double TargetRate,
    double DurationSeconds,
    long Scheduled,
    double SentPerSecond,
    double AcceptedPerSecond,
    double MaxSendLagMs,
    LatencySummary Latency,
    LoadTally Tally);
