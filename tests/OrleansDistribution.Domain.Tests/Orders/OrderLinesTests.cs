using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders;

namespace OrleansDistribution.Domain.Tests.Orders;

public sealed class OrderLinesTests
{
    [Fact]
    public void QuantityBySku_DuplicateSkus_SumsQuantities()
    {
        var quantities = OrderLines.QuantityBySku(
        [
            new OrderLineRequest("BOLT-M8", 100),
            new OrderLineRequest("DRILL-18V", 1),
            new OrderLineRequest("BOLT-M8", 50),
        ]);

        Assert.Equal(2, quantities.Count);
        Assert.Equal(150, quantities["BOLT-M8"]);
        Assert.Equal(1, quantities["DRILL-18V"]);
    }

    [Fact]
    public void QuantityBySku_DistinctSkus_KeepsEachQuantity()
    {
        var quantities = OrderLines.QuantityBySku([new OrderLineRequest("A", 1), new OrderLineRequest("B", 2)]);

        Assert.Equal(new Dictionary<string, int> { ["A"] = 1, ["B"] = 2 }, quantities);
    }

    [Fact]
    public void QuantityBySku_SkusDifferingInCase_AreDifferentSkus()
    {
        // SKUs are inventory grain keys, which are case-sensitive: folding case would reserve the wrong item.
        var quantities = OrderLines.QuantityBySku([new OrderLineRequest("abc", 1), new OrderLineRequest("ABC", 2)]);

        Assert.Equal(1, quantities["abc"]);
        Assert.Equal(2, quantities["ABC"]);
    }
}
