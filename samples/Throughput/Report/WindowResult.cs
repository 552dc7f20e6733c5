using Throughput.Load;

namespace Throughput.Report;

/// <summary>
/// One closed-loop wrk phase (warmup, a measured window, or a chunk of a long run): rates, latency, errors and
/// the API process's CPU and memory over exactly that phase.
/// </summary>
internal sealed record WindowResult(
    string Name,
    double Seconds,
    long Requests,
    long Accepted,
    long OnHold,
    double AcceptedPerSecond,
    double CreatedPerSecond,
    LatencySummary Latency,
    long NotCreated,
    long SocketErrors,
    int Unanswered,
    double? CpuMsPerAcceptedOrder,
    double? ApiCpuPercent,
    long? RssEndBytes,
    SortedDictionary<int, long> Statuses)
{
    /// <summary>Combines wrk's figures with the CPU time (ms) the API used during the phase.</summary>
    public static WindowResult From(string name, WrkResult wrk, double? cpuMs, long? rssEndBytes)
    {
        var tally = wrk.Tally;
        var seconds = wrk.DurationSeconds;
        return new WindowResult(
            name,
            seconds,
            wrk.Requests,
            tally.Accepted,
            tally.OnHold,
            seconds > 0 ? tally.Accepted / seconds : 0,
            seconds > 0 ? tally.Created / seconds : 0,
            wrk.Latency,
            tally.Statuses.Where(s => s.Key != 201).Sum(s => s.Value),
            wrk.Errors.Socket,
            tally.UnansweredCount,
            cpuMs is { } cpu && tally.Accepted > 0 ? cpu / tally.Accepted : null,
            cpuMs is { } used && seconds > 0 ? used / 10 / seconds : null,
            rssEndBytes,
            tally.Statuses);
    }
}
