namespace Throughput.Load;

/// <summary>One wrk run: wrk's own figures plus what the script's <c>done()</c> counted.</summary>
internal sealed record WrkResult(
    double DurationSeconds,
    long Requests,
    double? RequestsPerSecond,
    LatencySummary Latency,
    WrkErrors Errors,
    LoadTally Tally);
