using System.Collections.Concurrent;
using System.Diagnostics;
using Throughput.Api;

namespace Throughput.Checks;

/// <summary>Polls sampled accepted orders until they all reach ReleasedToWarehouse (sustained, not just accepted).</summary>
internal static class DrainCheck
{
    private const string Released = "ReleasedToWarehouse";
    private static readonly HashSet<string> Beyond = [Released, "Shipped", "Delivered"];

    /// <summary>Follows <paramref name="orderIds"/> for at most <paramref name="timeout"/>; the clock started when the load stopped.</summary>
    public static async Task<DrainResult> RunAsync(ApiClient api, string partnerKey, IReadOnlyList<string> orderIds, TimeSpan timeout, Stopwatch sinceLoadEnd, CancellationToken cancellationToken)
    {
        var open = new ConcurrentDictionary<string, string>(orderIds.Distinct().Select(id => KeyValuePair.Create(id, "?")));
        var sampled = open.Count;
        var firstCheck = sinceLoadEnd.Elapsed.TotalSeconds;
        var lastReleased = firstCheck;
        while (!open.IsEmpty && sinceLoadEnd.Elapsed < timeout && !cancellationToken.IsCancellationRequested)
        {
            await Parallel.ForEachAsync(open.Keys.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, token) =>
            {
                var status = await api.GetOrderStatusAsync(partnerKey, id, token);
                if (Beyond.Contains(status))
                {
                    open.TryRemove(id, out _);
                }
                else
                {
                    open[id] = status;
                }
            });

            lastReleased = sinceLoadEnd.Elapsed.TotalSeconds;
            if (!open.IsEmpty)
            {
                await Task.Delay(250, CancellationToken.None);
            }
        }

        var notReleased = open.Values.GroupBy(status => status).ToDictionary(g => g.Key, g => g.Count());
        return new DrainResult(sampled, sampled - open.Count, firstCheck, lastReleased, notReleased);
    }
}
