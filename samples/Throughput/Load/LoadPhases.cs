using Throughput.Api;
using Throughput.Probes;
using Throughput.Report;

namespace Throughput.Load;

/// <summary>
/// Runs the load phases one after another, measuring the API process around each, and keeps the run's
/// totals; after every phase the requests it left unanswered are settled (see <see cref="Settler"/>).
/// </summary>
internal sealed class LoadPhases(WrkRunner wrk, Settler settler, ProcessProbe? probe, RssSampler? rss)
{
    private readonly WrkRunner _wrk = wrk;
    private readonly Settler _settler = settler;
    private readonly ProcessProbe? _probe = probe;
    private readonly RssSampler? _rss = rss;

    /// <summary>Every response of every phase, the settling resends included.</summary>
    public LoadTally Totals { get; } = new();

    /// <summary>Unanswered requests whose outcome a resend learned.</summary>
    public int Settled { get; private set; }

    /// <summary>One wrk phase; <paramref name="phase"/> makes its Idempotency-Keys unique.</summary>
    public async Task<WindowResult> RunWrkAsync(string phase, string name, int seconds, CancellationToken cancellationToken)
    {
        var before = _probe?.Sample();
        var result = await _wrk.RunOrdersAsync(phase, seconds);
        var after = _probe?.Sample();
        double? cpuMs = before is not null && after is not null ? (after.CpuTime - before.CpuTime).TotalMilliseconds : null;
        var rssEnd = _rss?.SampleNow();
        Totals.Merge(result.Tally);
        await SettleAsync(result.Tally.Unanswered, cancellationToken);
        return WindowResult.From(name, result, cpuMs, rssEnd);
    }

    /// <summary>The fixed-rate phase.</summary>
    public async Task<OpenLoopResult> RunOpenLoopAsync(OpenLoopRunner runner, double rate, int seconds, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(rate, seconds, cancellationToken);
        Totals.Merge(result.Tally);
        await SettleAsync(result.Tally.Unanswered, cancellationToken);
        return result;
    }

    /// <summary>Accepted order ids sampled over all phases, at most <paramref name="count"/>, picked at random.</summary>
    public IReadOnlyList<string> DrainSample(int count) =>
        [.. Totals.SampledOrderIds.Distinct().OrderBy(_ => Random.Shared.Next()).Take(count)];

    private async Task SettleAsync(IReadOnlyList<OrderSpec> unanswered, CancellationToken cancellationToken)
    {
        if (unanswered.Count == 0)
        {
            return;
        }

        var settled = new LoadTally();
        var unsettledBefore = _settler.Unsettled;
        await _settler.SettleAsync(unanswered, settled, cancellationToken);
        Settled += unanswered.Count - (_settler.Unsettled - unsettledBefore);
        Totals.Merge(settled);
    }
}
