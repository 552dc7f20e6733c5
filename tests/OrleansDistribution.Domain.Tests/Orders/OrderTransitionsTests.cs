using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders;

namespace OrleansDistribution.Domain.Tests.Orders;

public sealed class OrderTransitionsTests
{
    public static TheoryData<OrderStatus> AllStatuses => [.. Enum.GetValues<OrderStatus>()];

    [Theory]
    [InlineData(OrderStatus.Accepted)]
    [InlineData(OrderStatus.OnHold)]
    [InlineData(OrderStatus.ErpCommitted)]
    [InlineData(OrderStatus.ReleasedToWarehouse)]
    public void CanCancel_BeforeShipment_IsAllowed(OrderStatus status) =>
        Assert.True(OrderTransitions.CanCancel(status));

    [Theory]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Rejected)]
    public void CanCancel_ShippedOrFinal_IsRefused(OrderStatus status) =>
        Assert.False(OrderTransitions.CanCancel(status));

    [Theory]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Rejected)]
    public void IsFinal_EndStates_AreFinal(OrderStatus status) =>
        Assert.True(OrderTransitions.IsFinal(status));

    [Theory]
    [InlineData(OrderStatus.Accepted)]
    [InlineData(OrderStatus.OnHold)]
    [InlineData(OrderStatus.ErpCommitted)]
    [InlineData(OrderStatus.ReleasedToWarehouse)]
    [InlineData(OrderStatus.Shipped)]
    public void IsFinal_InFlightStates_AreNotFinal(OrderStatus status) =>
        Assert.False(OrderTransitions.IsFinal(status));

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void CanMove_FromFinalState_NothingIsAllowed(OrderStatus to)
    {
        Assert.False(OrderTransitions.CanMove(OrderStatus.Delivered, to));
        Assert.False(OrderTransitions.CanMove(OrderStatus.Cancelled, to));
        Assert.False(OrderTransitions.CanMove(OrderStatus.Rejected, to));
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void CanMove_EveryStatus_HasRules(OrderStatus status)
    {
        // A status added to the contract without rules would throw at runtime in the grain.
        var exception = Record.Exception(() => OrderTransitions.IsFinal(status));

        Assert.Null(exception);
    }

    [Fact]
    public void CanMove_HappyPath_IsAllowedStepByStep()
    {
        Assert.True(OrderTransitions.CanMove(OrderStatus.Accepted, OrderStatus.ErpCommitted));
        Assert.True(OrderTransitions.CanMove(OrderStatus.ErpCommitted, OrderStatus.ReleasedToWarehouse));
        Assert.True(OrderTransitions.CanMove(OrderStatus.ReleasedToWarehouse, OrderStatus.Shipped));
        Assert.True(OrderTransitions.CanMove(OrderStatus.Shipped, OrderStatus.Delivered));
    }

    [Theory]
    [InlineData(OrderStatus.Accepted, OrderStatus.Shipped)]
    [InlineData(OrderStatus.Accepted, OrderStatus.ReleasedToWarehouse)]
    [InlineData(OrderStatus.ErpCommitted, OrderStatus.Shipped)]
    [InlineData(OrderStatus.OnHold, OrderStatus.Shipped)]
    [InlineData(OrderStatus.ReleasedToWarehouse, OrderStatus.Delivered)]
    [InlineData(OrderStatus.Shipped, OrderStatus.OnHold)]
    public void CanMove_SkippingOrGoingBack_IsRefused(OrderStatus from, OrderStatus to) =>
        Assert.False(OrderTransitions.CanMove(from, to));

    [Theory]
    [InlineData(OrderStatus.Accepted, true)]
    [InlineData(OrderStatus.ErpCommitted, true)]
    [InlineData(OrderStatus.ReleasedToWarehouse, true)]
    [InlineData(OrderStatus.OnHold, false)]
    [InlineData(OrderStatus.Shipped, false)]
    [InlineData(OrderStatus.Delivered, false)]
    [InlineData(OrderStatus.Cancelled, false)]
    [InlineData(OrderStatus.Rejected, false)]
    public void HoldsReservations_ByStatus_OnlyWhileStockIsPromised(OrderStatus status, bool expected) =>
        Assert.Equal(expected, OrderTransitions.HoldsReservations(status));
}
