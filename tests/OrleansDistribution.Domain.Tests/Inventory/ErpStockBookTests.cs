using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Domain.Inventory;

namespace OrleansDistribution.Domain.Tests.Inventory;

public sealed class ErpStockBookTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OutOfOrderAndRepeatedStatements_EndWhereInOrderDeliveryEnds()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var statements = Statements(random, count: random.Next(1, 40));
            var inOrder = Apply(statements);

            // Shuffle, and send a random third of them twice more.
            var delivered = statements.Concat(statements.Where(_ => random.Next(3) == 0)).Concat(statements.Where(_ => random.Next(3) == 0))
                .OrderBy(_ => random.Next()).ToList();
            var shuffled = Apply(delivered);

            Assert.True(inOrder.OnHand == shuffled.OnHand, $"seed {seed}: {inOrder.OnHand} in order, {shuffled.OnHand} shuffled");
            Assert.Equal(inOrder.Sequence, shuffled.Sequence);
            Assert.Equal(inOrder.Stamps.AsOf, shuffled.Stamps.AsOf);
            Assert.Equal(inOrder.Stamps.AsOfSequence, shuffled.Stamps.AsOfSequence);
        }
    }

    [Fact]
    public void TheSameBatchTwice_ChangesNothingTheSecondTime()
    {
        var statements = Statements(new Random(7), 25);
        var book = Apply(statements);
        var onHand = book.OnHand;

        var results = statements.Select(statement => book.Apply(statement, Start.AddHours(1))).ToList();

        Assert.All(results, result => Assert.Equal(ErpSyncResult.Stale, result));
        Assert.Equal(onHand, book.OnHand);
    }

    [Fact]
    public void ChangeOlderThanTheNewestAbsoluteFigure_IsStale()
    {
        var book = ErpStockBook.Manual(0);
        Assert.Equal(ErpSyncResult.Applied, book.Apply(ErpStockUpdate.Absolute(5, 100, Start), Start));

        Assert.Equal(ErpSyncResult.Stale, book.Apply(ErpStockUpdate.Change(4, 10, "receipt", Start), Start));
        Assert.Equal(ErpSyncResult.Applied, book.Apply(ErpStockUpdate.Change(6, -3, "scrap", Start), Start));
        Assert.Equal(97, book.OnHand);
    }

    [Fact]
    public void AbsoluteFigureArrivingAfterLaterChanges_KeepsThoseChanges()
    {
        var book = ErpStockBook.Manual(0);
        book.Apply(ErpStockUpdate.Change(3, 6, "receipt", Start), Start);

        book.Apply(ErpStockUpdate.Absolute(2, 4, Start), Start);

        Assert.Equal(10, book.OnHand);
        Assert.Equal(3, book.Sequence);
    }

    [Fact]
    public void HubShipments_ComeOffUntilTheErpStatesANewFigure()
    {
        var book = ErpStockBook.Manual(0);
        book.Apply(ErpStockUpdate.Absolute(1, 10, Start), Start);
        book.Deduct(4);
        Assert.Equal(6, book.OnHand);

        book.Apply(ErpStockUpdate.Change(2, 5, "receipt", Start), Start);
        Assert.Equal(11, book.OnHand);

        book.Apply(ErpStockUpdate.Absolute(3, 20, Start), Start);
        Assert.Equal(20, book.OnHand);
    }

    [Fact]
    public void ChangesBelowZero_CountAsZero_ButAreKept()
    {
        var book = ErpStockBook.Manual(0);
        book.Apply(ErpStockUpdate.Change(2, -5, "adjustment", Start), Start);
        Assert.Equal(0, book.OnHand);

        book.Apply(ErpStockUpdate.Absolute(1, 8, Start), Start);
        Assert.Equal(3, book.OnHand);
    }

    [Fact]
    public void ManualFigure_IsReplacedByTheErpsNextStatement()
    {
        var book = ErpStockBook.Manual(0);
        book.Apply(ErpStockUpdate.Absolute(1, 10, Start), Start);
        book.SetManually(50);
        Assert.Equal(50, book.OnHand);

        book.Apply(ErpStockUpdate.Absolute(2, 12, Start), Start);
        Assert.Equal(12, book.OnHand);
    }

    [Fact]
    public void Stamps_TrackTheNewestStatement_AndARepeatConfirmsIt()
    {
        var book = ErpStockBook.Manual(0);
        Assert.Null(book.Stamps.AsOf);

        book.Apply(ErpStockUpdate.Absolute(4, 10, Start), Start.AddSeconds(2));
        book.Apply(ErpStockUpdate.Absolute(3, 9, Start.AddSeconds(-10)), Start.AddSeconds(3));
        Assert.Equal(Start, book.Stamps.AsOf);
        Assert.Equal(Start.AddSeconds(2), book.Stamps.AppliedAt);

        Assert.Equal(ErpSyncResult.Stale, book.Apply(ErpStockUpdate.Absolute(4, 10, Start.AddMinutes(5)), Start.AddMinutes(5)));
        Assert.Equal(Start.AddMinutes(5), book.Stamps.AsOf);
        Assert.Equal(Start.AddMinutes(5), book.Stamps.ConfirmedAt);
        Assert.Equal(Start.AddSeconds(2), book.Stamps.AppliedAt);
    }

    [Fact]
    public void ManyChangesWithoutAbsoluteFigure_AreFoldedAndStillCountOnce()
    {
        var book = ErpStockBook.Manual(0);
        for (var i = 0; i < ErpStockBook.MaxChanges + 10; i++)
        {
            book.Apply(ErpStockUpdate.Change(i, 1, "receipt", Start), Start);
        }

        Assert.Equal(ErpStockBook.MaxChanges, book.Changes.Count);
        Assert.Equal(ErpStockBook.MaxChanges + 10, book.OnHand);
        Assert.Equal(ErpSyncResult.Stale, book.Apply(ErpStockUpdate.Change(0, 1, "receipt", Start), Start));
        Assert.Equal(ErpStockBook.MaxChanges + 10, book.OnHand);
    }

    private static List<ErpStockUpdate> Statements(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(i => random.Next(3) == 0
            ? ErpStockUpdate.Absolute(i * 2L, random.Next(0, 500), Start.AddSeconds(i))
            : ErpStockUpdate.Change(i * 2L, random.Next(-30, 60), "receipt", Start.AddSeconds(i)))];

    private static ErpStockBook Apply(IEnumerable<ErpStockUpdate> statements)
    {
        var book = ErpStockBook.Manual(0);
        foreach (var statement in statements)
        {
            book.Apply(statement, Start.AddHours(1));
        }

        return book;
    }
}
