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

    /// <summary>Warmup phase (not in the figures).</summary>
    public WindowResult? Warmup { get; init; }

    /// <summary>Measured windows (or long-run chunks).</summary>
    public IReadOnlyList<WindowResult> Windows { get; init; } = [];

    /// <summary>True for a <c>--orders</c> long run (windows are 10 s chunks).</summary>
    public bool LongRun { get; init; }

    /// <summary>The fixed-rate phase.</summary>
    public OpenLoopResult? OpenLoop { get; init; }

    /// <summary>All phases together, the resends that settled unanswered requests included.</summary>
    public required LoadTally Totals { get; init; }

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
