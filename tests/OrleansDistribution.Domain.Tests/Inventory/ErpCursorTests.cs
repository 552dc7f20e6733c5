using OrleansDistribution.Domain.Inventory;

namespace OrleansDistribution.Domain.Tests.Inventory;

public sealed class ErpCursorTests
{
    [Theory]
    [InlineData("SKU-12")]
    [InlineData("A")]
    [InlineData("é日本")]
    [InlineData("X-0000000000000000000000000000000000000000000000000000000000064")]
    public void Before_SortsBelowTheSku(string sku) =>
        Assert.True(string.CompareOrdinal(ErpCursor.Before(sku), sku) < 0);

    [Fact]
    public void PagingAfterBefore_StartsAtTheSku_AmongNeighboursThatShareItsPrefix()
    {
        // What an ERP pages after a cursor: every SKU ordinally greater, in ordinal order.
        string[] book = ["SKU-1", "SKU-10", "SKU-100", "SKU-11", "SKU-119", "SKU-11~", "SKU-12", "SKU-120", "SKU-2", new string('Z', ErpCursor.MaxSkuLength)];
        foreach (var sku in book)
        {
            var cursor = ErpCursor.Before(sku);
            var first = book.Where(candidate => cursor is null || string.CompareOrdinal(candidate, cursor) > 0).Order(StringComparer.Ordinal).First();
            Assert.Equal(sku, first);
        }
    }

    [Fact]
    public void Before_IsNoLongerThanTheLongestSku()
    {
        Assert.Equal(ErpCursor.MaxSkuLength, ErpCursor.Before("SKU-1")!.Length);
        Assert.Equal(ErpCursor.MaxSkuLength, ErpCursor.Before(new string('Z', ErpCursor.MaxSkuLength))!.Length);
    }
}
