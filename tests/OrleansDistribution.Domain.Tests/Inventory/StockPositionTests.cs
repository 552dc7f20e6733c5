using OrleansDistribution.Domain.Inventory;

namespace OrleansDistribution.Domain.Tests.Inventory;

public sealed class StockPositionTests
{
    private readonly Dictionary<string, int> _reservations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _shippedOrders = new(StringComparer.Ordinal);

    [Fact]
    public void TryReserve_WithinAvailable_ReservesAndLowersAvailable()
    {
        var position = Position(onHand: 10);

        var reserved = position.TryReserve("order-1", 4);

        Assert.True(reserved);
        Assert.Equal(10, position.OnHand);
        Assert.Equal(4, position.Reserved);
        Assert.Equal(6, position.Available);
        Assert.Equal(4, _reservations["order-1"]);
    }

    [Fact]
    public void TryReserve_ExactlyAllAvailable_Reserves()
    {
        var position = Position(onHand: 5);

        Assert.True(position.TryReserve("order-1", 5));
        Assert.Equal(0, position.Available);
    }

    [Fact]
    public void TryReserve_BeyondAvailable_RefusesAndReservesNothing()
    {
        var position = Position(onHand: 5);
        position.TryReserve("order-1", 3);

        var reserved = position.TryReserve("order-2", 3);

        Assert.False(reserved);
        Assert.Equal(3, position.Reserved);
        Assert.Equal(2, position.Available);
        Assert.False(_reservations.ContainsKey("order-2"));
    }

    [Fact]
    public void TryReserve_SameOrderTwice_ReservesOnce()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4);

        var again = position.TryReserve("order-1", 4);

        Assert.True(again);
        Assert.Equal(4, position.Reserved);
        Assert.Equal(6, position.Available);
    }

    [Fact]
    public void TryReserve_SameOrderWithOtherQuantity_KeepsFirstReservation()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4);

        var again = position.TryReserve("order-1", 9);

        Assert.True(again);
        Assert.Equal(4, position.Reserved);
    }

    [Fact]
    public void TryReserve_RepeatWhenNothingLeftAvailable_IsStillReserved()
    {
        // A retried reservation must not be refused because its own first attempt consumed the stock.
        var position = Position(onHand: 3);
        position.TryReserve("order-1", 3);

        Assert.True(position.TryReserve("order-1", 3));
        Assert.Equal(3, position.Reserved);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void TryReserve_NonPositiveQuantity_Throws(int quantity)
    {
        var position = Position(onHand: 10);

        Assert.Throws<ArgumentOutOfRangeException>(() => position.TryReserve("order-1", quantity));
        Assert.Equal(0, position.Reserved);
    }

    [Fact]
    public void Release_ReservedOrder_RestoresAvailable()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4);

        var released = position.Release("order-1");

        Assert.True(released);
        Assert.Equal(0, position.Reserved);
        Assert.Equal(10, position.Available);
        Assert.Equal(10, position.OnHand);
    }

    [Fact]
    public void Release_OrderWithoutReservation_ChangesNothing()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4);

        var released = position.Release("order-2");

        Assert.False(released);
        Assert.Equal(4, position.Reserved);
    }

    [Fact]
    public void Commit_ReservedOrder_DeductsOnHandAndDropsReservation()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4);

        var committed = position.Commit("order-1");

        Assert.True(committed);
        Assert.Equal(6, position.OnHand);
        Assert.Equal(0, position.Reserved);
        Assert.Equal(6, position.Available);
        Assert.Contains("order-1", _shippedOrders);
    }

    [Fact]
    public void Commit_Repeated_DeductsOnlyOnce()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4);
        position.Commit("order-1");

        var again = position.Commit("order-1");

        Assert.False(again);
        Assert.Equal(6, position.OnHand);
        Assert.Equal(6, position.Available);
    }

    [Fact]
    public void TryReserve_AfterOrderShipped_DoesNotReserveAgain()
    {
        // A late retry of a reservation must not re-reserve stock for an order already shipped.
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 4);
        position.Commit("order-1");

        var reserved = position.TryReserve("order-1", 4);

        Assert.True(reserved);
        Assert.Equal(0, position.Reserved);
        Assert.Equal(6, position.Available);
    }

    [Fact]
    public void Commit_OrderWithoutReservation_ChangesNothing()
    {
        var position = Position(onHand: 10);

        Assert.False(position.Commit("order-1"));
        Assert.Equal(10, position.OnHand);
        Assert.Empty(_shippedOrders);
    }

    [Fact]
    public void Available_OnHandLoweredBelowReserved_IsZeroNotNegative()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 8);

        position.SetOnHand(5);

        Assert.Equal(5, position.OnHand);
        Assert.Equal(8, position.Reserved);
        Assert.Equal(0, position.Available);
        Assert.False(position.TryReserve("order-2", 1));
    }

    [Fact]
    public void Commit_OnHandLoweredBelowReservation_OnHandStopsAtZero()
    {
        var position = Position(onHand: 10);
        position.TryReserve("order-1", 8);
        position.SetOnHand(5);

        position.Commit("order-1");

        Assert.Equal(0, position.OnHand);
        Assert.Equal(0, position.Available);
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
        position.TryReserve("order-1", 4);

        position.SetOnHand(20);

        Assert.Equal(4, position.Reserved);
        Assert.Equal(16, position.Available);
    }

    [Fact]
    public void Available_WithSafetyStock_HoldsSafetyStockBack()
    {
        var position = Position(onHand: 10, safetyStock: 3);

        Assert.Equal(7, position.Available);
        Assert.False(position.TryReserve("order-1", 8));
        Assert.True(position.TryReserve("order-2", 7));
        Assert.Equal(0, position.Available);
    }

    [Fact]
    public void Available_SafetyStockAboveOnHand_IsZeroNotNegative()
    {
        var position = Position(onHand: 2, safetyStock: 5);

        Assert.Equal(0, position.Available);
        Assert.False(position.TryReserve("order-1", 1));
    }

    private StockPosition Position(int onHand, int safetyStock = 0) =>
        new(onHand, _reservations, _shippedOrders, safetyStock);
}
