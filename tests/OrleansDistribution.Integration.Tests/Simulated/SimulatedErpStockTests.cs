using OrleansDistribution.Integration.Simulated;
using OrleansDistribution.Integration.Tests.Fixtures;

namespace OrleansDistribution.Integration.Tests.Simulated;

/// <summary>The simulated ERP's stock book: sequences per SKU and pages in ordinal SKU order.</summary>
public sealed class SimulatedErpStockTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Set_EachBooking_SequenceGrowsByOnePerSkuAndAsOfIsTheClock()
    {
        var time = TestClock.FrozenAt(Start);
        var stock = new SimulatedErpStock(time);

        var first = stock.Set("SKU-1", 10);
        time.Advance(TimeSpan.FromMinutes(1));
        var other = stock.Set("SKU-2", 5);
        time.Advance(TimeSpan.FromMinutes(1));
        var second = stock.Set("SKU-1", 10);
        var third = stock.Set("SKU-1", 7);

        Assert.Equal(("SKU-1", 10, 1L, Start), (first.Sku, first.OnHand, first.ErpSequence, first.AsOf));
        Assert.Equal(1, other.ErpSequence);
        Assert.Equal((10, 2L, Start.AddMinutes(2)), (second.OnHand, second.ErpSequence, second.AsOf));
        Assert.Equal((7, 3L), (third.OnHand, third.ErpSequence));
        Assert.Equal(third, stock.Of("SKU-1"));
        Assert.Null(stock.Of("SKU-3"));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData(" ", 1)]
    [InlineData("SKU-1", -1)]
    public void Set_BlankSkuOrNegativeOnHand_Refused(string sku, int onHand)
    {
        var stock = new SimulatedErpStock(TimeProvider.System);

        Assert.ThrowsAny<ArgumentException>(() => stock.Set(sku, onHand));
        Assert.Null(stock.Of("SKU-1"));
    }

    [Fact]
    public void Page_FollowingNext_EverySkuOnceInOrdinalOrderAndNextNullOnTheLastPage()
    {
        var stock = new SimulatedErpStock(TimeProvider.System);
        // Booked out of order; ordinal order puts "SKU-10" before "SKU-2" and upper case before lower case.
        foreach (var sku in new[] { "sku-a", "SKU-2", "SKU-10", "SKU-1", "SKU-B" })
        {
            stock.Set(sku, 1);
        }

        var pages = new List<(IReadOnlyList<string> Skus, string? Next)>();
        string? after = null;
        do
        {
            var page = stock.Page(after, 2);
            pages.Add(([.. page.Positions.Select(position => position.Sku)], page.Next));
            after = page.Next;
        }
        while (after is not null && pages.Count < 10);

        Assert.Equal(3, pages.Count);
        Assert.Equal(["SKU-1", "SKU-10"], pages[0].Skus);
        Assert.Equal("SKU-10", pages[0].Next);
        Assert.Equal(["SKU-2", "SKU-B"], pages[1].Skus);
        Assert.Equal("SKU-B", pages[1].Next);
        Assert.Equal(["sku-a"], pages[2].Skus);
        Assert.Null(pages[2].Next);
    }

    [Fact]
    public void Page_LastPageExactlyFull_NextNull()
    {
        var stock = new SimulatedErpStock(TimeProvider.System);
        stock.Set("A", 1);
        stock.Set("B", 2);
        stock.Set("C", 3);

        var first = stock.Page(null, 2);
        var last = stock.Page("A", 2);

        Assert.Equal("B", first.Next);
        Assert.Equal(["B", "C"], last.Positions.Select(position => position.Sku));
        Assert.Null(last.Next);
    }

    [Fact]
    public void Page_CursorNotInTheBook_StartsAtTheNextSkuAfterIt()
    {
        var stock = new SimulatedErpStock(TimeProvider.System);
        foreach (var sku in new[] { "A", "C", "E" })
        {
            stock.Set(sku, 1);
        }

        Assert.Equal(["C", "E"], stock.Page("B", 10).Positions.Select(position => position.Sku));
        Assert.Empty(stock.Page("E", 10).Positions);
        Assert.Empty(stock.Page("Z", 10).Positions);
        Assert.Null(stock.Page("Z", 10).Next);
    }

    [Fact]
    public void Page_EmptyBook_EmptyLastPage()
    {
        var page = new SimulatedErpStock(TimeProvider.System).Page(null, 100);

        Assert.Empty(page.Positions);
        Assert.Null(page.Next);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SimulatedErpStock.MaxPageSize + 1)]
    public void Page_LimitOutOfRange_Refused(int limit)
    {
        var stock = new SimulatedErpStock(TimeProvider.System);

        Assert.Throws<ArgumentOutOfRangeException>(() => stock.Page(null, limit));
    }

    [Fact]
    public void Page_PositionsAreTheBookedOnes()
    {
        var time = TestClock.FrozenAt(Start);
        var stock = new SimulatedErpStock(time);
        stock.Set("SKU-1", 4);
        var booked = stock.Set("SKU-1", 9);

        Assert.Equal([booked], stock.Page(null, SimulatedErpStock.MaxPageSize).Positions);
    }
}
