using Throughput.Api;
using Throughput.Metrics;
using Throughput.Setup;

namespace Throughput.Checks;

/// <summary>One SKU's position as GET /v1/inventory reported it.</summary>
internal sealed record SkuPosition(int OnHand, int Reserved)
{
    /// <summary>What is left to promise; negative would mean on-hand was exceeded.</summary>
    public int Available => OnHand - Reserved;
}

/// <summary>
/// Every SKU's position, read once the API had settled after a load phase: no POST in progress on the server
/// (when its /metrics says so) and then the same positions twice in a row, a gap apart. Orders whose request
/// wrk stopped waiting for are still being decided for a moment after wrk exits; reading before they land
/// would credit their reservations to the next phase. <see cref="Settled"/> false: it did not settle within
/// the time allowed, and a comparison with this reading is not exact.
/// </summary>
internal sealed record StockReading(
    IReadOnlyDictionary<string, SkuPosition> Skus,
    bool Settled,
    bool? NoPostInProgress,
    double WaitedSeconds,
    SortedDictionary<int, long>? OrderAnswers)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan IdleGap = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Waits for the API to settle (at most <paramref name="timeout"/> for each step) and reads every SKU.
    /// <paramref name="blindGap"/> is the gap between the two equal readings when the API does not export its
    /// requests in progress (then only stability says the last order landed; pass something above the
    /// phase's longest latency).
    /// </summary>
    public static async Task<StockReading> TakeAsync(ApiClient api, Fixture fixture, TimeSpan blindGap, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bool? idle;
        SortedDictionary<int, long>? answers;
        var deadline = clock.Elapsed + timeout;
        while (true)
        {
            var text = await api.GetMetricsTextAsync(cancellationToken);
            var scrape = text is null ? null : PrometheusText.Parse(text);
            answers = HttpServerMetrics.OrderAnswers(scrape);
            var inProgress = HttpServerMetrics.PostsInProgress(scrape);
            idle = inProgress is null ? null : inProgress <= 0;
            if (idle != false || clock.Elapsed >= deadline)
            {
                break;
            }

            await Task.Delay(Poll, cancellationToken);
        }

        var gap = idle == true ? IdleGap : blindGap;
        deadline = clock.Elapsed + timeout;
        var previous = await ReadAsync(api, fixture, cancellationToken);
        while (true)
        {
            await Task.Delay(gap, cancellationToken);
            var current = await ReadAsync(api, fixture, cancellationToken);
            var stable = current.All(kv => previous[kv.Key] == kv.Value);
            if (stable || clock.Elapsed >= deadline)
            {
                return new StockReading(current, stable && idle != false, idle, clock.Elapsed.TotalSeconds, answers);
            }

            previous = current;
        }
    }

    private static async Task<Dictionary<string, SkuPosition>> ReadAsync(ApiClient api, Fixture fixture, CancellationToken cancellationToken)
    {
        var positions = new System.Collections.Concurrent.ConcurrentDictionary<string, SkuPosition>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(fixture.Skus, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (sku, token) =>
        {
            var (onHand, reserved) = await api.GetStockAsync(sku, token);
            positions[sku] = new SkuPosition(onHand, reserved);
        });
        return new Dictionary<string, SkuPosition>(positions, StringComparer.Ordinal);
    }
}
