using System.Globalization;
using System.Text.Json;
using ChannelTraffic.Contracts;

namespace ChannelTraffic;

/// <summary>
/// The whole run decided up front from a seed: SKUs, prices and every submission in send order.
/// Building bodies before the clock starts keeps client-side JSON work out of the measured loop,
/// and a fixed seed replays the same traffic shape against a changed server.
/// </summary>
public sealed class TrafficPlan
{
    private TrafficPlan(string runId, string partnerId, string skuPrefix, string priceListVersion, int seed,
        IReadOnlyList<PlannedSku> skus, IReadOnlyList<PlannedSubmission> submissions, int uniqueOrders)
    {
        RunId = runId;
        PartnerId = partnerId;
        SkuPrefix = skuPrefix;
        PriceListVersion = priceListVersion;
        Seed = seed;
        Skus = skus;
        Submissions = submissions;
        UniqueOrders = uniqueOrders;
    }

    public string RunId { get; }

    public string PartnerId { get; }

    public string SkuPrefix { get; }

    public string PriceListVersion { get; }

    public int Seed { get; }

    public IReadOnlyList<PlannedSku> Skus { get; }

    public IReadOnlyList<PlannedSubmission> Submissions { get; }

    public int UniqueOrders { get; }

    public int DuplicateSubmissions => Submissions.Count - UniqueOrders;

    public static TrafficPlan Create(TrafficOptions options)
    {
        // The run id is not derived from the seed: the same seed must still get a fresh partner and fresh keys.
        var runId = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture)
            + Random.Shared.Next(0x1000).ToString("x3", CultureInfo.InvariantCulture);
        var seed = options.Seed ?? Random.Shared.Next();
        var random = new Random(seed);

        var partnerId = options.PartnerId ?? $"ct-{runId}";
        var skuPrefix = options.SkuPrefix ?? $"CT-{runId.ToUpperInvariant()}-";
        var priceListVersion = options.PriceListVersion ?? $"ct-{runId}";

        var skus = new PlannedSku[options.Skus];
        for (var i = 0; i < skus.Length; i++)
        {
            var cents = random.Next(100, 10_000);
            skus[i] = new PlannedSku($"{skuPrefix}{(i + 1).ToString("D4", CultureInfo.InvariantCulture)}", cents / 100m, i < options.HotSkus);
        }

        var duplicates = (int)Math.Floor(options.Orders * options.Duplicates);
        var unique = options.Orders - duplicates;

        // Duplicates pick their original with replacement, so some keys are sent three or more times.
        var originals = new int[duplicates];
        var sendCounts = new int[unique];
        Array.Fill(sendCounts, 1);
        for (var d = 0; d < duplicates; d++)
        {
            originals[d] = random.Next(unique);
            sendCounts[originals[d]]++;
        }

        var orders = new PlannedOrder[unique];
        for (var n = 0; n < unique; n++)
        {
            orders[n] = CreateOrder(n, runId, options, skus, sendCounts[n], random);
        }

        // Position k for the k-th unique order; a duplicate lands shortly after its original, within about two
        // rounds of workers, so many are in flight at the same time as the original and the rest arrive just after.
        var slots = new List<(double Position, PlannedOrder Order, bool IsDuplicate)>(options.Orders);
        for (var n = 0; n < unique; n++)
        {
            slots.Add((n, orders[n], false));
        }

        for (var d = 0; d < duplicates; d++)
        {
            var original = originals[d];
            slots.Add((original + 0.5 + random.Next(2 * options.Concurrency), orders[original], true));
        }

        var ordered = slots.OrderBy(s => s.Position).ToArray();
        var submissions = new PlannedSubmission[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            var correlationId = $"ct-{runId}-r{i.ToString("D7", CultureInfo.InvariantCulture)}";
            submissions[i] = new PlannedSubmission(i, ordered[i].Order, ordered[i].IsDuplicate, correlationId);
        }

        return new TrafficPlan(runId, partnerId, skuPrefix, priceListVersion, seed, skus, submissions, unique);
    }

    private static PlannedOrder CreateOrder(int sequence, string runId, TrafficOptions options, PlannedSku[] skus, int sendCount, Random random)
    {
        var hotCount = options.HotSkus;
        var coldCount = skus.Length - hotCount;
        var lineCount = random.Next(1, Math.Min(options.MaxLines, skus.Length) + 1);
        var used = new HashSet<int>();
        var lines = new List<OrderLineRequest>(lineCount);
        for (var l = 0; l < lineCount; l++)
        {
            var wantHot = hotCount > 0 && (coldCount == 0 || random.NextDouble() < options.HotShare);
            var index = wantHot
                ? PickUnused(random, 0, hotCount, used)
                : PickUnused(random, hotCount, coldCount, used);
            if (index < 0)
            {
                index = wantHot ? PickUnused(random, hotCount, coldCount, used) : PickUnused(random, 0, hotCount, used);
            }

            if (index < 0)
            {
                break;
            }

            used.Add(index);
            lines.Add(new OrderLineRequest(skus[index].Sku, random.Next(1, options.MaxQuantity + 1)));
        }

        var seq = sequence.ToString("D7", CultureInfo.InvariantCulture);
        var channelOrderRef = $"PO-{runId}-{seq}";
        var customerId = $"C-{random.Next(1, options.Customers + 1).ToString(CultureInfo.InvariantCulture)}";
        var body = JsonSerializer.SerializeToUtf8Bytes(new CreateOrderRequest(channelOrderRef, customerId, lines), JsonDefaults.Web);
        return new PlannedOrder(sequence, $"ct-{runId}-o{seq}", channelOrderRef, body, lines.Count, sendCount);
    }

    /// <summary>Random index in [start, start + count) not yet used by this order, or -1; a linear probe keeps it bounded.</summary>
    private static int PickUnused(Random random, int start, int count, HashSet<int> used)
    {
        if (count <= 0)
        {
            return -1;
        }

        var offset = random.Next(count);
        for (var k = 0; k < count; k++)
        {
            var candidate = start + ((offset + k) % count);
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }

        return -1;
    }
}
