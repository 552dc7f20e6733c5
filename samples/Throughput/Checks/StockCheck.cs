using Throughput.Load;
using Throughput.Setup;

namespace Throughput.Checks;

/// <summary>
/// Compares each SKU's position at the start of the counting phases and at the end with what their accepted
/// responses reserved, and with the stock loaded (see <see cref="SkuStock"/>).
/// </summary>
internal static class StockCheck
{
    /// <summary>
    /// <paramref name="before"/>: settled reading when the counting phases started (null when none ran);
    /// <paramref name="after"/>: settled reading at the end; <paramref name="counted"/>: the counting phases' responses.
    /// </summary>
    public static StockResult Of(Fixture fixture, StockReading? before, StockReading after, LoadTally counted, int unsettled)
    {
        var skus = fixture.Skus
            .Select(sku => new SkuStock(sku, fixture.StockPerSku, before?.Skus[sku], after.Skus[sku], counted.AcceptedQuantityBySku.GetValueOrDefault(sku)))
            .ToList();
        return new StockResult(skus, before is not null, unsettled, after.Settled && before?.Settled != false);
    }
}
