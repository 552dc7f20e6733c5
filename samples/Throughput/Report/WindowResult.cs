using Throughput.Load;

namespace Throughput.Report;

/// <summary>
/// One closed-loop wrk phase (warmup, a measured window, a chunk of a long run, or the verified phase): rates,
/// latency, errors and the API process's CPU and memory over exactly that phase.
/// <para>
/// A <b>light</b> phase (no <c>response()</c> in the script) knows only wrk's summary: <see cref="Created"/> is
/// its responses below 400 (POST /v1/orders has no other success than 201), and whether they were Accepted or
/// OnHold is not known (<see cref="Accepted"/> and <see cref="OnHold"/> are null). The <b>counting</b> phase
/// read every body: <see cref="Created"/> is its 201s, split by order status.
/// </para>
/// </summary>
internal sealed record WindowResult(
    string Name,
    bool Counting,
    double Seconds,
    long Requests,
    long Created,
    long? Accepted,
    long? OnHold,
    double CreatedPerSecond,
    double? AcceptedPerSecond,
    LatencySummary Latency,
    long NotCreated,
    long SocketErrors,
    long? Unanswered,
    double? CpuMsPerCreatedOrder,
    double? ApiCpuPercent,
    long? RssEndBytes,
    SortedDictionary<int, long>? Statuses)
{
    /// <summary>Failures the phase itself saw: a light phase cannot tell 4xx from 5xx, so any non-2xx or socket error counts.</summary>
    public long Failures => Counting ? 0 : NotCreated + SocketErrors;

    /// <summary>Combines wrk's figures with the CPU time (ms) the API used during the phase.</summary>
    public static WindowResult From(string name, bool counting, WrkResult wrk, double? cpuMs, long? rssEndBytes)
    {
        var tally = wrk.Tally;
        var seconds = wrk.DurationSeconds;
        var created = counting ? tally.Created : wrk.Succeeded;
        return new WindowResult(
            name,
            counting,
            seconds,
            wrk.Requests,
            created,
            counting ? tally.Accepted : null,
            counting ? tally.OnHold : null,
            seconds > 0 ? created / seconds : 0,
            counting && seconds > 0 ? tally.Accepted / seconds : null,
            wrk.Latency,
            counting ? tally.Statuses.Where(s => s.Key != 201).Sum(s => s.Value) : wrk.Errors.Status,
            wrk.Errors.Socket,
            counting ? tally.UnansweredCount : wrk.NotAnswered,
            cpuMs is { } cpu && created > 0 ? cpu / created : null,
            cpuMs is { } used && seconds > 0 ? used / 10 / seconds : null,
            rssEndBytes,
            counting ? tally.Statuses : null);
    }
}
