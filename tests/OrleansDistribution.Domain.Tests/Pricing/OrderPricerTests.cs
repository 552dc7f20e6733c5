using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Domain.Pricing;

namespace OrleansDistribution.Domain.Tests.Pricing;

public sealed class OrderPricerTests
{
    private static readonly PriceList Contract = new(
        "2025-07",
        "EUR",
        [new PriceListLine("BOLT-M8", 0.25m), new PriceListLine("DRILL-18V", 129.90m), new PriceListLine("WASHER", 0.335m)],
        DateTimeOffset.UnixEpoch);

    [Fact]
    public void Price_AllSkusInContract_PricesEachLineAtContractPrice()
    {
        var result = OrderPricer.Price([new OrderLineRequest("DRILL-18V", 2), new OrderLineRequest("BOLT-M8", 100)], Contract);

        Assert.True(result.IsComplete);
        Assert.Empty(result.UnpricedSkus);
        Assert.Equal(
            [new PricedOrderLine("DRILL-18V", 2, 129.90m), new PricedOrderLine("BOLT-M8", 100, 0.25m)],
            result.Lines);
        Assert.Equal(284.80m, result.Total);
    }

    [Fact]
    public void Price_Always_StampsPriceListVersionAndCurrency()
    {
        var result = OrderPricer.Price([new OrderLineRequest("BOLT-M8", 1)], Contract);

        Assert.Equal("2025-07", result.PriceListVersion);
        Assert.Equal("EUR", result.Currency);
    }

    [Fact]
    public void Price_TotalWithHalfCent_RoundsAwayFromZero()
    {
        // 3 × 0.335 = 1.005: invoices round half a cent up, banker's rounding would give 1.00.
        var result = OrderPricer.Price([new OrderLineRequest("WASHER", 3)], Contract);

        Assert.Equal(0.335m, Assert.Single(result.Lines).UnitPrice);
        Assert.Equal(1.01m, result.Total);
    }

    [Fact]
    public void Total_RoundsOnceOverTheWholeOrder()
    {
        // Rounding per line would give 0.34 + 0.34 = 0.68; the order total is 0.67.
        var total = OrderPricer.Total([new PricedOrderLine("WASHER", 1, 0.335m), new PricedOrderLine("WASHER", 1, 0.335m)]);

        Assert.Equal(0.67m, total);
    }

    [Fact]
    public void Price_UnpricedSku_ReportedAndNeverPricedAtZero()
    {
        var result = OrderPricer.Price([new OrderLineRequest("BOLT-M8", 4), new OrderLineRequest("NOT-IN-CONTRACT", 2)], Contract);

        Assert.False(result.IsComplete);
        Assert.Equal(["NOT-IN-CONTRACT"], result.UnpricedSkus);
        Assert.DoesNotContain(result.Lines, line => line.Sku == "NOT-IN-CONTRACT");
        Assert.DoesNotContain(result.Lines, line => line.UnitPrice == 0m);
        Assert.Equal(1.00m, result.Total);
    }

    [Fact]
    public void Price_UnpricedSkuOnSeveralLines_ReportedOnce()
    {
        var result = OrderPricer.Price(
            [new OrderLineRequest("GHOST", 1), new OrderLineRequest("OTHER-GHOST", 1), new OrderLineRequest("GHOST", 3)],
            Contract);

        Assert.Equal(["GHOST", "OTHER-GHOST"], result.UnpricedSkus);
        Assert.Empty(result.Lines);
    }

    [Fact]
    public void Price_SkuDiffersOnlyInCase_IsUnpriced()
    {
        var result = OrderPricer.Price([new OrderLineRequest("bolt-m8", 1)], Contract);

        Assert.Equal(["bolt-m8"], result.UnpricedSkus);
    }

    [Fact]
    public void Price_EmptyPriceList_ReportsEverySku()
    {
        var empty = Contract with { Lines = [] };

        var result = OrderPricer.Price([new OrderLineRequest("BOLT-M8", 1), new OrderLineRequest("DRILL-18V", 1)], empty);

        Assert.Equal(["BOLT-M8", "DRILL-18V"], result.UnpricedSkus);
        Assert.Equal(0m, result.Total);
    }
}
