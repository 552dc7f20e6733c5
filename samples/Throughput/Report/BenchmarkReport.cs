using Throughput.Checks;
using Throughput.Load;
using Throughput.Metrics;
using Throughput.Postgres;

namespace Throughput.Report;

/// <summary>Everything one run measured, as printed and as written by <c>--json</c>.</summary>
internal sealed record BenchmarkReport
{
    /// <summary>Run id (in every partner, SKU and key name the run created).</summary>
    public required string RunId { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>First column of the markdown row.</summary>
    public required string Label { get; init; }

    /// <summary>Storage mode the figures are judged by.</summary>
    public required string Mode { get; init; }

    /// <summary>spread or hot, with the SKU count.</summary>
    public required string Workload { get; init; }

    /// <summary>The wrk shape, e.g. "wrk -t2 -c64, 30 s windows after 5 s warmup".</summary>
    public required string LoadShape { get; init; }

    /// <summary>Target API URL.</summary>
    public required string Url { get; init; }

    /// <summary>The API's process id, when known.</summary>
    public int? ApiPid { get; init; }

    /// <summary>Logical processors of this machine (the load generator shares them).</summary>
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;

    /// <summary>pgbench -N on the same server (PostgreSQL mode).</summary>
    public PgBenchResult? PgBench { get; init; }

    /// <summary>/health/live requests per second of the same API (other modes).</summary>
    public double? HealthPerSecond { get; init; }

    /// <summary>Warmup phase, light script (not in the figures).</summary>
    public WindowResult? Warmup { get; init; }

    /// <summary>Measured windows (or long-run chunks), light script: the rate and latency figures.</summary>
    public IReadOnlyList<WindowResult> Windows { get; init; } = [];

    /// <summary>True for a <c>--orders</c> long run (windows are 10 s chunks).</summary>
    public bool LongRun { get; init; }

    /// <summary>
    /// POST /v1/orders answers by status as the API counted them over the light phases (warmup and windows),
    /// their in-flight requests included; null when the API does not export ASP.NET Core's HTTP metrics.
    /// </summary>
    public SortedDictionary<int, long>? LightServerAnswers { get; init; }

    /// <summary>Seconds the light phases' in-flight orders took to land after wrk stopped.</summary>
    public double? LightSettleSeconds { get; init; }

    /// <summary>The fixed-rate phase (its responses are read: part of <see cref="Totals"/>).</summary>
    public OpenLoopResult? OpenLoop { get; init; }

    /// <summary>The verified phase: wrk with the counting script, after the measured phases.</summary>
    public WindowResult? Verified { get; init; }

    /// <summary>
    /// Every response the run read: the verified phase, the open loop and the resends that settled their
    /// unanswered requests (the light phases read none).
    /// </summary>
    public required LoadTally Totals { get; init; }

    /// <summary>
    /// What went wrong in the light phases: wrk's non-2xx answers (it cannot tell 4xx from 5xx; no order
    /// answer other than 201 is expected) and socket errors, and 5xx the API counted (in-flight ones included).
    /// </summary>
    public long LightFailures =>
        (Warmup?.Failures ?? 0) + Windows.Sum(w => w.Failures) + (LightServerAnswers?.Where(a => a.Key >= 500).Sum(a => a.Value) ?? 0);

    /// <summary>Unanswered requests whose outcome the resends learned.</summary>
    public int Settled { get; init; }

    /// <summary>Unanswered requests whose outcome stayed unknown.</summary>
    public int Unsettled { get; init; }

    /// <summary>A few of those: Idempotency-Key and the last answer to the resend.</summary>
    public IReadOnlyList<string> UnsettledExamples { get; init; } = [];

    /// <summary>API memory.</summary>
    public RssSummary? Rss { get; init; }

    /// <summary>/metrics counters from before the warmup to after the drain.</summary>
    public required ServerCounters Counters { get; init; }

    /// <summary>PostgreSQL's own statistics over the same span.</summary>
    public PgActivity? Postgres { get; init; }

    /// <summary>The sampled accepted orders' workflow after the load.</summary>
    public DrainResult? Drain { get; init; }

    /// <summary>Oversell and reservation check.</summary>
    public StockResult? Stock { get; init; }

    /// <summary>The run was stopped with Ctrl+C.</summary>
    public bool Interrupted { get; init; }

    /// <summary>Figures derived from the above.</summary>
    public Figures Figures => Figures.Of(this);

    /// <summary>Issue 7's targets as measured.</summary>
    public IReadOnlyList<Target> Targets => TargetList.Of(this);
}
