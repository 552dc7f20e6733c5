using Throughput.Api;
using Throughput.Load;
using Throughput.Setup;

namespace Throughput.Checks;

/// <summary>Compares each SKU's reservation (GET /v1/inventory) with what the accepted responses of all phases reserved.</summary>
internal static class StockCheck
{
    /// <summary>Reads every SKU of the fixture.</summary>
    public static async Task<StockResult> RunAsync(ApiClient api, Fixture fixture, LoadTally everything, int unsettled, CancellationToken cancellationToken)
    {
        var skus = new List<SkuStock>();
        foreach (var sku in fixture.Skus)
        {
            var (onHand, reserved) = await api.GetStockAsync(sku, cancellationToken);
            skus.Add(new SkuStock(sku, fixture.StockPerSku, everything.AcceptedQuantityBySku.GetValueOrDefault(sku), onHand, reserved));
        }

        return new StockResult(skus, unsettled);
    }
}
