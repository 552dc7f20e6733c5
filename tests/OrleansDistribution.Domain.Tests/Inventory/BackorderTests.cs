using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Domain.Inventory;

namespace OrleansDistribution.Domain.Tests.Inventory;

public sealed class BackorderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly InventoryPolicy Backorder = new() { Allocation = AllocationMode.AllowBackorder };

    private readonly Dictionary<string, InDoubtOperation> _inDoubt = new(StringComparer.Ordinal);

    [Fact]
    public void Allocate_TenWithFourInStock_ReservesFour_BackordersSix()
    {
        var position = Position(4);

        var allocated = position.Allocate("order-1", 10, Now, "p1", Backorder);

        Assert.Equal(4, allocated);
        Assert.Equal(4, position.Reserved);
        Assert.Equal(new Backorder("p1", 5, Now, 6, 0, 0, Confirmed: false), position.Backorders["order-1"]);
        Assert.Equal(4, position.Allocate("order-1", 10, Now, "p1", Backorder));
        Assert.Equal(4, position.Reserved);
    }

    [Fact]
    public void Fill_OnlyConfirmedBackorders_InPriorityThenTimeOrder_InPart()
    {
        var position = Position(0);
        position.Allocate("late-first", 5, Now.AddMinutes(2), "gold", Backorder with { Priority = 1 });
        position.Allocate("early-second", 5, Now, "silver", Backorder with { Priority = 3 });
        position.Allocate("earliest-second", 5, Now.AddMinutes(-1), "silver", Backorder with { Priority = 3 });
        position.Allocate("unconfirmed", 5, Now.AddMinutes(-5), "gold", Backorder with { Priority = 1 });
        position.Settle("late-first");
        position.Settle("early-second");
        position.Settle("earliest-second");
        position.SetOnHand(8);

        var fills = position.FillBackorders(_ => InventoryPolicy.Default);

        Assert.Equal([new BackorderFill("late-first", 5, 0), new BackorderFill("earliest-second", 3, 2)], fills);
        Assert.Equal(8, position.Reserved);
        Assert.Equal(0, position.Backorders["unconfirmed"].Filled);
    }

    [Fact]
    public void Fill_RespectsTheChannelsShare()
    {
        var position = Position(0);
        var policy = Backorder with { Share = 0.5m };
        position.Allocate("order-1", 10, Now, "p1", policy);
        position.Settle("order-1");
        position.SetOnHand(10);

        var fill = Assert.Single(position.FillBackorders(_ => policy));

        Assert.Equal(new BackorderFill("order-1", 5, 5), fill);
        Assert.Equal(5, position.ReservedByChannel["p1"]);
    }

    [Fact]
    public void AcknowledgedInFull_TheBackorderIsDone_AndCancelReleasesOnlyUnacknowledgedFills()
    {
        var position = Position(0);
        position.Allocate("done", 2, Now, "p1", Backorder);
        position.Allocate("gone", 4, Now.AddSeconds(1), "p1", Backorder);
        position.Settle("done");
        position.Settle("gone");
        position.SetOnHand(5);
        position.FillBackorders(_ => InventoryPolicy.Default);

        Assert.True(position.AcknowledgeFill("done", 2));
        Assert.False(position.Backorders.ContainsKey("done"));
        Assert.True(position.AcknowledgeFill("gone", 1));
        Assert.Equal([new BackorderFill("gone", 3, 1)], position.UntoldFills());

        // The order holds (and releases) the one unit it acknowledged; the SKU releases the other two it filled.
        Assert.True(position.CancelBackorder("gone", 1));
        Assert.Equal(3, position.Reserved);
        Assert.False(position.CancelBackorder("gone", 1));
    }

    [Fact]
    public void ResolveBackorder_KeptWhenTheOrderHasIt_DroppedWhenNot()
    {
        var position = Position(0);
        position.Allocate("kept", 3, Now, "p1", Backorder);
        position.Allocate("orphan", 3, Now, "p1", Backorder);

        Assert.False(position.ResolveBackorder("kept", new StockHold(StockHoldKind.None, 0, 3)));
        Assert.True(position.ResolveBackorder("orphan", StockHold.Nothing));

        Assert.True(position.Backorders["kept"].Confirmed);
        Assert.False(position.Backorders.ContainsKey("orphan"));
    }

    private StockPosition Position(int onHand) => new(onHand, 0, _inDoubt);
}
