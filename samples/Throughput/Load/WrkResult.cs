namespace Throughput.Load;

/// <summary>
/// One wrk run: wrk's own figures (<see cref="Requests"/> = responses read), the requests the script sent
/// (null without a script), and what the counting script's <c>done()</c> counted (empty for the light script).
/// </summary>
internal sealed record WrkResult(
    double DurationSeconds,
    long Requests,
    long? Sent,
    double? RequestsPerSecond,
    LatencySummary Latency,
    WrkErrors Errors,
    LoadTally Tally)
{
    /// <summary>
    /// Responses with a status below 400, which wrk counts as successes ("Non-2xx or 3xx" are those of 400 and
    /// above). POST /v1/orders answers 201 or an error of 400 or above, so for the order scripts these are the 201s.
    /// </summary>
    public long Succeeded => Math.Max(0, Requests - Errors.Status);

    /// <summary>Requests sent without a response read: in flight when wrk stopped, or lost to a socket error.</summary>
    public long? NotAnswered => Sent is { } sent ? Math.Max(0, sent - Requests) : null;
}
