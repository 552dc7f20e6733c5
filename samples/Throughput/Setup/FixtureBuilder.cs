using Throughput.Api;
using Throughput.Options;

namespace Throughput.Setup;

/// <summary>Creates the run's partner, SKUs and price list with the operator key; names carry the run id so runs never share state.</summary>
internal static class FixtureBuilder
{
    private const int PartnerRateLimit = 1_000_000;

    /// <summary>Sets everything up and returns it.</summary>
    public static async Task<Fixture> CreateAsync(ApiClient api, BenchmarkOptions options, string runId, CancellationToken cancellationToken)
    {
        var partnerId = $"tp-{runId}";
        var partnerKey = await api.CreatePartnerAsync(partnerId, PartnerRateLimit, cancellationToken);
        var count = options.Scenario == LoadScenario.Hot ? 1 : options.Skus;
        var skus = Enumerable.Range(1, count).Select(n => $"TP-{runId}-{n}").ToList();
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (sku, token) => await api.SetStockAsync(sku, options.Stock, token));
        await api.SetPriceListAsync(partnerId, $"tp-{runId}", skus, cancellationToken);
        return new Fixture(runId, partnerId, partnerKey, skus, options.Stock, options.Quantity);
    }
}
