using System.Diagnostics;
using Throughput.Api;
using Throughput.Probes;
using Throughput.Report;

namespace Throughput.Load;

/// <summary>
/// Runs the load phases one after another, measuring the API process around each, and keeps the totals of
/// the phases that read their responses (the counting wrk script, the open loop, the settling resends); the
/// light wrk phases are known only by wrk's summary, in their <see cref="WindowResult"/>. The requests a
/// counting phase left unanswered are settled (see <see cref="Settler"/>) before the next phase starts, and
/// after the last one by <see cref="SettlePendingAsync"/>, which the caller runs while the drain check already
/// follows the orders.
/// </summary>
internal sealed class LoadPhases(WrkRunner wrk, Settler settler, ProcessProbe? probe, RssSampler? rss)
{
    private readonly WrkRunner _wrk = wrk;
    private readonly Settler _settler = settler;
    private readonly ProcessProbe? _probe = probe;
    private readonly RssSampler? _rss = rss;

    /// <summary>Every response the counting phases read, the settling resends included (nothing of the light phases).</summary>
    public LoadTally Totals { get; } = new();

    /// <summary>Unanswered requests whose outcome a resend learned.</summary>
    public int Settled { get; private set; }

    /// <summary>Since the last phase stopped sending (drain and statistics clocks start here).</summary>
    public Stopwatch SinceLoadEnd { get; } = new();

    private IReadOnlyList<string> _lastPhaseSample = [];
    private IReadOnlyList<OrderSpec> _pending = [];

    /// <summary>
    /// One wrk phase with <paramref name="script"/>; <paramref name="phase"/> makes its Idempotency-Keys unique.
    /// Ctrl+C reaches wrk itself, which stops and reports.
    /// </summary>
    public async Task<WindowResult> RunWrkAsync(WrkOrderScript script, string phase, string name, int seconds)
    {
        await SettlePendingAsync();
        var before = _probe?.Sample();
        var result = await _wrk.RunOrdersAsync(script, phase, seconds);
        SinceLoadEnd.Restart();
        var after = _probe?.Sample();
        double? cpuMs = before is not null && after is not null ? (after.CpuTime - before.CpuTime).TotalMilliseconds : null;
        var rssEnd = _rss?.SampleNow();
        if (script.Counting)
        {
            Totals.Merge(result.Tally);
            _lastPhaseSample = result.Tally.SampledOrderIds;
            _pending = result.Tally.Unanswered;
        }

        return WindowResult.From(name, script.Counting, result, cpuMs, rssEnd);
    }

    /// <summary>The fixed-rate phase.</summary>
    public async Task<OpenLoopResult> RunOpenLoopAsync(OpenLoopRunner runner, double rate, int seconds, CancellationToken cancellationToken)
    {
        await SettlePendingAsync();
        var result = await runner.RunAsync(rate, seconds, cancellationToken);
        SinceLoadEnd.Restart();
        Totals.Merge(result.Tally);
        _lastPhaseSample = result.Tally.SampledOrderIds;
        _pending = result.Tally.Unanswered;
        return result;
    }

    /// <summary>
    /// At most <paramref name="count"/> accepted order ids: the last counting phase's sample first (its orders
    /// are the ones still in their workflow when the load stops), then earlier ones' at random.
    /// </summary>
    public IReadOnlyList<string> DrainSample(int count)
    {
        var earlier = Totals.SampledOrderIds.Except(_lastPhaseSample).OrderBy(_ => Random.Shared.Next());
        return [.. _lastPhaseSample.Concat(earlier).Distinct().Take(count)];
    }

    /// <summary>Settles the last phase's unanswered requests; also after Ctrl+C, since counts are exact only then.</summary>
    public async Task SettlePendingAsync()
    {
        var unanswered = _pending;
        _pending = [];
        if (unanswered.Count == 0)
        {
            return;
        }

        var settled = new LoadTally();
        var unsettledBefore = _settler.Unsettled;
        await _settler.SettleAsync(unanswered, settled);
        Settled += unanswered.Count - (_settler.Unsettled - unsettledBefore);
        Totals.Merge(settled);
    }
}
