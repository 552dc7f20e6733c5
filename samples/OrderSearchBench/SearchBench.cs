using System.Diagnostics;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrderSearchBench;

/// <summary>
/// Times searches one at a time (latency, not throughput) through <see cref="PostgresGrainStateStore.SearchOrdersAsync"/>,
/// the code the API's search runs, on random existing orders: a partner's channel reference lookup, the operator's lookup
/// across partners, and a partner's keyset page from a random position.
/// </summary>
internal static class SearchBench
{
    private const int Warmup = 50;
    private const int PageLimit = 51;

    /// <summary>Runs every kind and returns their summaries.</summary>
    public static async Task<IReadOnlyList<LatencySummary>> RunAsync(PostgresGrainStateStore store, BenchOptions options, CancellationToken cancellationToken)
    {
        var random = new Random(20261202);
        return
        [
            await TimeAsync("channelOrderRef (partner)", store, options, random, i => new OrderSearch
            {
                PartnerId = SyntheticOrders.PartnerId(i, options.Partners),
                ChannelOrderRef = SyntheticOrders.ChannelOrderRef(i),
                Limit = PageLimit,
            }, cancellationToken),
            await TimeAsync("channelOrderRef (operator)", store, options, random, i => new OrderSearch
            {
                ChannelOrderRef = SyntheticOrders.ChannelOrderRef(i),
                Limit = PageLimit,
            }, cancellationToken),
            await TimeAsync("partner page after cursor", store, options, random, i => new OrderSearch
            {
                PartnerId = SyntheticOrders.PartnerId(i, options.Partners),
                After = new OrderSearchKey(new DateTimeOffset(SyntheticOrders.CreatedAt(i)), SyntheticOrders.OrderId(i)),
                Limit = PageLimit,
            }, cancellationToken),
            await TimeAsync("partner + status OnHold", store, options, random, i => new OrderSearch
            {
                PartnerId = SyntheticOrders.PartnerId(i, options.Partners),
                Status = OrderStatus.OnHold,
                Limit = PageLimit,
            }, cancellationToken),
        ];
    }

    private static async Task<LatencySummary> TimeAsync(
        string kind, PostgresGrainStateStore store, BenchOptions options, Random random, Func<int, OrderSearch> searchOf, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(options.Lookups);
        long rows = 0;
        for (var n = 0; n < Warmup + options.Lookups; n++)
        {
            var i = random.Next(options.Rows);
            var started = Stopwatch.GetTimestamp();
            var found = await store.SearchOrdersAsync(searchOf(i), cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (found.Count == 0 && kind.StartsWith("channelOrderRef", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{kind}: order {i} was not found; the index does not hold what was loaded");
            }

            if (n >= Warmup)
            {
                latencies.Add(elapsed.TotalMilliseconds);
                rows += found.Count;
            }
        }

        return LatencySummary.Of(kind, latencies, rows / (double)options.Lookups);
    }
}
