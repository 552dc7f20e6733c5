using System.Diagnostics;
using Throughput.Api;

namespace Throughput.Load;

/// <summary>
/// Sends orders at a fixed rate whatever the server does (open loop). Request i is due at start + i/rate;
/// the scheduler sleeps until the next due time and then sends everything due, so falling behind shows up
/// as latency, which is measured from the due time rather than from the actual send.
/// </summary>
internal sealed class OpenLoopRunner(ApiClient api, string partnerKey, OrderGenerator orders, int sampleLimit)
{
    private readonly ApiClient _api = api;
    private readonly string _partnerKey = partnerKey;
    private readonly OrderGenerator _orders = orders;
    private readonly int _sampleLimit = sampleLimit;

    /// <summary>Runs for <paramref name="seconds"/> at <paramref name="rate"/> orders/s, then waits for every answer.</summary>
    public async Task<OpenLoopResult> RunAsync(double rate, int seconds, CancellationToken cancellationToken)
    {
        var total = (long)Math.Round(rate * seconds);
        var latencies = new double[total];
        var tally = new LoadTally();
        var sends = new List<Task>();
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var maxLagTicks = 0L;
        long sent = 0;
        for (; sent < total && !cancellationToken.IsCancellationRequested; sent++)
        {
            var due = start + (long)(sent * ticksPerRequest);
            var early = due - Stopwatch.GetTimestamp();
            if (early > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)early / Stopwatch.Frequency), CancellationToken.None);
            }

            maxLagTicks = Math.Max(maxLagTicks, Stopwatch.GetTimestamp() - due);
            var index = sent;
            sends.Add(SendAsync(due, latency => latencies[index] = latency, tally));
        }

        var sendingSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(sends);
        var duration = Math.Max(seconds, sendingSeconds);
        return new OpenLoopResult(
            rate,
            duration,
            sent,
            sent / sendingSeconds,
            tally.Accepted / duration,
            maxLagTicks * 1000.0 / Stopwatch.Frequency,
            LatencySummary.Of(latencies.AsSpan(0, (int)sent).ToArray()),
            tally);
    }

    private async Task SendAsync(long due, Action<double> recordLatency, LoadTally tally)
    {
        var order = _orders.Next();
        var outcome = await _api.SubmitAsync(_partnerKey, order, CancellationToken.None);
        recordLatency((Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency);
        tally.Add(outcome, _sampleLimit);
        if (outcome.Status == 0)
        {
            tally.AddUnanswered(order);
        }
    }
}
