using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Domain.Inventory;

namespace OrleansDistribution.Domain.Tests.Inventory;

public sealed class StockPositionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, InDoubtOperation> _inDoubt = new(StringComparer.Ordinal);

    [Fact]
    public void TryReserve_WithinAvailable_ReservesAndLowersAvailable()
    {
        var position = Position(onHand: 10);

        var reserved = position.TryReserve("order-1", 4, Now);

        Assert.True(reserved);
        Assert.Equal(10, position.OnHand);
        Assert.Equal(4, position.Reserved);
        Assert.Equal(6, position.Available);
        Assert.Equal(new InDoubtOperation(StockOperation.Reserve, 4, Now, 0), _inDoubt["order-1"]);
    }

    [Fact]
    public void TryReserve_ExactlyAllAvailable_Reserves()
    {
        var position = Position(onHand: 5);

        Assert.True(position.TryReserve("order-1", 5, Now));
        Assert.Equal(0, position.Available);
    }

    [Fact]
    public void TryReserve_BeyondAvailable_RefusesAndReservesNothing()
    {
        var position = Position(onHand: 5);
        position.TryReserve("order-1", 3, Now);

        var reserved = position.TryReserve("order-2", 3, Now);

        Assert.False(reserved);
        Assert.Equal(3, position.Reserved);
        Assert.Equal(2, position.Available);
        Assert.False(_inDoubt.ContainsKey("order-2"));
    }

    [Fact]
    public void TryReserve_ManyOrdersRacingForTheLastUnits_NeverOversells()
    {
        var position = Position(onHand: 10);

        var granted = Enumerable.Range(1, 40).Count(i => position.TryReserve($"order-{i}", 1, Now));

        Assert.Equal(10, granted);
        Assert.Equal(10, position.Reserved);
        Assert.Equal(0, position.Available);
    }

    [Fact]
    public void TryReserve_SameOrderTwiceWhileInDoubt_ReservesOnce()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);

        var again = position.TryReserve("order-1", 4, Now.AddSeconds(1));

        Assert.True(again);
        Assert.Equal(4, position.Reserved);
        Assert.Equal(6, position.Available);
    }

    [Fact]
    public void TryReserve_SameOrderWithOtherQuantityWhileInDoubt_KeepsFirstReservation()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);

        var again = position.TryReserve("order-1", 9, Now);

        Assert.True(again);
        Assert.Equal(4, position.Reserved);
        Assert.Equal(4, _inDoubt["order-1"].Quantity);
    }

    [Fact]
    public void TryReserve_RepeatWhenNothingLeftAvailable_IsStillReserved()
    {
        // A retried reservation must not be refused because its own first attempt consumed the stock.
        var position = Position(onHand: 3);
        position.TryReserve("order-1", 3, Now);

        Assert.True(position.TryReserve("order-1", 3, Now));
        Assert.Equal(3, position.Reserved);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void TryReserve_NonPositiveQuantity_Throws(int quantity)
    {
        var position = Position(onHand: 10);

        Assert.Throws<ArgumentOutOfRangeException>(() => position.TryReserve("order-1", quantity, Now));
        Assert.Equal(0, position.Reserved);
        Assert.Empty(_inDoubt);
    }

    [Fact]
    public void TryReserve_AfterDeductInDoubt_IsAHarmlessRepeat()
    {
        // A late retry of a reservation must not re-reserve stock for an order already shipped.
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.Deduct("order-1", 4, Now);

        var reserved = position.TryReserve("order-1", 4, Now);

        Assert.True(reserved);
        Assert.Equal(0, position.Reserved);
        Assert.Equal(6, position.OnHand);
        Assert.Equal(6, position.Available);
    }

    [Fact]
    public void TryReserve_AfterTheOrderGaveItsReservationBack_ReservesAgain()
    {
        // A stock-constrained order gives back its partial reservation, then reserves again on retry.
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.Release("order-1", 4, Now);

        var reserved = position.TryReserve("order-1", 4, Now.AddMinutes(5));

        Assert.True(reserved);
        Assert.Equal(4, position.Reserved);
        Assert.Equal(StockOperation.Reserve, _inDoubt["order-1"].Operation);
    }

    [Fact]
    public void Release_ReservedOrder_RestoresAvailable()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.Settle("order-1");

        var released = position.Release("order-1", 4, Now);

        Assert.True(released);
        Assert.Equal(0, position.Reserved);
        Assert.Equal(10, position.Available);
        Assert.Equal(10, position.OnHand);
        Assert.Equal(StockOperation.Release, _inDoubt["order-1"].Operation);
    }

    [Fact]
    public void Release_RepeatWhileInDoubt_ReleasesOnce()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.TryReserve("order-2", 3, Now);
        position.Release("order-1", 4, Now);

        var again = position.Release("order-1", 4, Now);

        Assert.False(again);
        Assert.Equal(3, position.Reserved);
        Assert.Equal(7, position.Available);
    }

    [Fact]
    public void Release_AfterDeductInDoubt_ChangesNothing()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.TryReserve("order-2", 3, Now);
        position.Deduct("order-1", 4, Now);

        var released = position.Release("order-1", 4, Now);

        Assert.False(released);
        Assert.Equal(3, position.Reserved);
        Assert.Equal(6, position.OnHand);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Release_NonPositiveQuantity_ChangesNothing(int quantity)
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);

        Assert.False(position.Release("order-1", quantity, Now));
        Assert.Equal(4, position.Reserved);
        Assert.Equal(StockOperation.Reserve, _inDoubt["order-1"].Operation);
    }

    [Fact]
    public void Release_MoreThanReserved_ReservedStopsAtZero()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 2, Now);
        position.Settle("order-1");

        position.Release("order-1", 5, Now);

        Assert.Equal(0, position.Reserved);
        Assert.Equal(10, position.Available);
    }

    [Fact]
    public void Deduct_ReservedOrder_LowersOnHandAndDropsReservation()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.Settle("order-1");

        var deducted = position.Deduct("order-1", 4, Now);

        Assert.True(deducted);
        Assert.Equal(6, position.OnHand);
        Assert.Equal(0, position.Reserved);
        Assert.Equal(6, position.Available);
        Assert.Equal(StockOperation.Deduct, _inDoubt["order-1"].Operation);
    }

    [Fact]
    public void Deduct_RepeatWhileInDoubt_DeductsOnce()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.Deduct("order-1", 4, Now);

        var again = position.Deduct("order-1", 4, Now);

        Assert.False(again);
        Assert.Equal(6, position.OnHand);
        Assert.Equal(6, position.Available);
    }

    [Fact]
    public void Deduct_OnHandLoweredBelowReservation_OnHandStopsAtZero()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 8, Now);
        position.SetOnHand(5);

        position.Deduct("order-1", 8, Now);

        Assert.Equal(0, position.OnHand);
        Assert.Equal(0, position.Reserved);
        Assert.Equal(0, position.Available);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Deduct_NonPositiveQuantity_ChangesNothing(int quantity)
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);

        Assert.False(position.Deduct("order-1", quantity, Now));
        Assert.Equal(10, position.OnHand);
        Assert.Equal(4, position.Reserved);
    }

    [Fact]
    public void Settle_OperationInDoubt_ForgetsItAndKeepsTheStock()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);

        var settled = position.Settle("order-1");

        Assert.True(settled);
        Assert.Empty(position.InDoubt);
        Assert.Equal(4, position.Reserved);
        Assert.Equal(6, position.Available);
    }

    [Fact]
    public void Settle_NothingInDoubt_ReturnsFalse()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.Settle("order-1");

        Assert.False(position.Settle("order-1"));
        Assert.False(position.Settle("order-2"));
        Assert.Equal(4, position.Reserved);
    }

    [Fact]
    public void Settle_EveryOrderConfirmed_KeepsNoPerOrderState()
    {
        // State must not grow with the number of orders served: only unconfirmed operations are kept.
        var position = Position(onHand: 1000);
        for (var i = 0; i < 100; i++)
        {
            var orderId = $"order-{i}";
            position.TryReserve(orderId, 2, Now);
            position.Settle(orderId);
            position.Deduct(orderId, 2, Now);
            position.Settle(orderId);
        }

        Assert.Empty(position.InDoubt);
        Assert.Equal(800, position.OnHand);
        Assert.Equal(0, position.Reserved);
    }

    [Fact]
    public void Resolve_ReservationTheOrderDoesNotKnow_IsUndone()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        var seen = _inDoubt["order-1"];

        var changed = position.Resolve("order-1", seen, StockHold.Nothing);

        Assert.True(changed);
        Assert.Equal(0, position.Reserved);
        Assert.Equal(10, position.Available);
        Assert.Empty(position.InDoubt);
    }

    [Fact]
    public void Resolve_ReservationTheOrderHolds_IsKeptAndSettled()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        var seen = _inDoubt["order-1"];

        var changed = position.Resolve("order-1", seen, new StockHold(StockHoldKind.Reserved, 4));

        Assert.True(changed);
        Assert.Equal(4, position.Reserved);
        Assert.Equal(6, position.Available);
        Assert.Empty(position.InDoubt);
    }

    [Theory]
    [InlineData(StockOperation.Reserve, StockHoldKind.Releasing)]
    [InlineData(StockOperation.Reserve, StockHoldKind.Deducting)]
    [InlineData(StockOperation.Release, StockHoldKind.Releasing)]
    [InlineData(StockOperation.Deduct, StockHoldKind.Deducting)]
    public void Resolve_OrderIsStillGivingBackOrDeducting_KeepsTheEntry(StockOperation operation, StockHoldKind hold)
    {
        var position = Position(onHand: 10);
        Apply(position, operation, "order-1", 4);
        var seen = _inDoubt["order-1"];
        var (onHand, reserved) = (position.OnHand, position.Reserved);

        var changed = position.Resolve("order-1", seen, new StockHold(hold, 4));

        Assert.False(changed);
        Assert.Equal(seen, _inDoubt["order-1"]);
        Assert.Equal(onHand, position.OnHand);
        Assert.Equal(reserved, position.Reserved);
    }

    [Fact]
    public void Resolve_OrderIsReleasing_ItsReleaseStillAppliesOnce()
    {
        // The kept entry is what lets the release the order still sends apply, and its repeat not apply again.
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.Resolve("order-1", _inDoubt["order-1"], new StockHold(StockHoldKind.Releasing, 4));

        position.Release("order-1", 4, Now);
        position.Release("order-1", 4, Now);

        Assert.Equal(0, position.Reserved);
        Assert.Equal(10, position.Available);
    }

    [Fact]
    public void Resolve_StaleViewAfterTheOrderRepeatedTheOperation_DoesNothing()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        var seen = _inDoubt["order-1"];
        position.TryReserve("order-1", 4, Now.AddSeconds(1));

        var changed = position.Resolve("order-1", seen, StockHold.Nothing);

        Assert.False(changed);
        Assert.Equal(4, position.Reserved);
        Assert.Equal(seen.Version + 1, _inDoubt["order-1"].Version);
    }

    [Fact]
    public void Resolve_SeenOperationReplacedByAnother_DoesNothing()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-2", 3, Now);
        position.Settle("order-2");
        position.TryReserve("order-1", 4, Now);
        var seen = _inDoubt["order-1"];
        position.Release("order-1", 4, Now.AddSeconds(1));

        var changed = position.Resolve("order-1", seen, StockHold.Nothing);

        Assert.False(changed);
        Assert.Equal(3, position.Reserved);
        Assert.Equal(StockOperation.Release, _inDoubt["order-1"].Operation);
    }

    [Fact]
    public void Resolve_AlreadySettled_DoesNothing()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        var seen = _inDoubt["order-1"];
        position.Settle("order-1");

        var changed = position.Resolve("order-1", seen, StockHold.Nothing);

        Assert.False(changed);
        Assert.Equal(4, position.Reserved);
    }

    [Fact]
    public void Resolve_ReleaseTheOrderDoesNotKnow_RestoresTheReservation()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.Release("order-1", 4, Now);

        var changed = position.Resolve("order-1", _inDoubt["order-1"], new StockHold(StockHoldKind.Reserved, 4));

        Assert.True(changed);
        Assert.Equal(4, position.Reserved);
        Assert.Empty(position.InDoubt);
    }

    [Fact]
    public void Resolve_ReleaseTheOrderAgreesWith_IsForgotten()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.Release("order-1", 4, Now);

        var changed = position.Resolve("order-1", _inDoubt["order-1"], StockHold.Nothing);

        Assert.True(changed);
        Assert.Equal(0, position.Reserved);
        Assert.Equal(10, position.Available);
        Assert.Empty(position.InDoubt);
    }

    [Fact]
    public void Resolve_DeductTheOrderDoesNotKnow_IsUndone()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.Deduct("order-1", 4, Now);

        var changed = position.Resolve("order-1", _inDoubt["order-1"], new StockHold(StockHoldKind.Reserved, 4));

        Assert.True(changed);
        Assert.Equal(10, position.OnHand);
        Assert.Equal(4, position.Reserved);
        Assert.Empty(position.InDoubt);
    }

    [Fact]
    public void Resolve_DeductTheOrderConfirmed_IsForgotten()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);
        position.Deduct("order-1", 4, Now);

        var changed = position.Resolve("order-1", _inDoubt["order-1"], StockHold.Nothing);

        Assert.True(changed);
        Assert.Equal(6, position.OnHand);
        Assert.Equal(0, position.Reserved);
        Assert.Empty(position.InDoubt);
    }

    [Fact]
    public void Position_RestoredWithReservedTotal_CountsItAgainstAvailable()
    {
        var position = new StockPosition(10, 7, _inDoubt);

        Assert.Equal(7, position.Reserved);
        Assert.Equal(3, position.Available);
        Assert.False(position.TryReserve("order-1", 4, Now));
    }

    [Fact]
    public void Available_OnHandLoweredBelowReserved_IsZeroNotNegative()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 8, Now);

        position.SetOnHand(5);

        Assert.Equal(5, position.OnHand);
        Assert.Equal(8, position.Reserved);
        Assert.Equal(0, position.Available);
        Assert.False(position.TryReserve("order-2", 1, Now));
    }

    [Fact]
    public void SetOnHand_Negative_ThrowsAndKeepsOnHand()
    {
        var position = Position(onHand: 10);

        Assert.Throws<ArgumentOutOfRangeException>(() => position.SetOnHand(-1));
        Assert.Equal(10, position.OnHand);
    }

    [Fact]
    public void SetOnHand_KeepsReservations()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4, Now);

        position.SetOnHand(20);

        Assert.Equal(4, position.Reserved);
        Assert.Equal(16, position.Available);
        Assert.Equal(StockOperation.Reserve, _inDoubt["order-1"].Operation);
    }

    [Fact]
    public void Available_WithSafetyStock_HoldsSafetyStockBack()
    {
        var position = Position(onHand: 10, safetyStock: 3);

        Assert.Equal(7, position.Available);
        Assert.False(position.TryReserve("order-1", 8, Now));
        Assert.True(position.TryReserve("order-2", 7, Now));
        Assert.Equal(0, position.Available);
    }

    [Fact]
    public void Available_SafetyStockAboveOnHand_IsZeroNotNegative()
    {
        var position = Position(onHand: 2, safetyStock: 5);

        Assert.Equal(0, position.Available);
        Assert.False(position.TryReserve("order-1", 1, Now));
    }

    private static void Apply(StockPosition position, StockOperation operation, string orderId, int quantity)
    {
        position.TryReserve(orderId, quantity, Now);
        switch (operation)
        {
            case StockOperation.Release:
                position.Release(orderId, quantity, Now);
                break;
            case StockOperation.Deduct:
                position.Deduct(orderId, quantity, Now);
                break;
        }
    }

    private StockPosition Position(int onHand, int safetyStock = 0) => new(onHand, 0, _inDoubt, safetyStock);
}
