using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders.Workflow;
using static OrleansDistribution.Domain.Tests.Orders.Workflow.Scenario;

namespace OrleansDistribution.Domain.Tests.Orders.Workflow;

/// <summary>Carrier milestones, and the stock the order deducts or gives back until the inventory confirms it.</summary>
public sealed class OrderWorkflowShipmentTests
{
    [Fact]
    public void Shipment_ShippedAfterRelease_MovesTheReservationsToPendingDeduct()
    {
        var decision = OrderWorkflow.Shipment(Released(), ShippedEvent, "corr-carrier", ShipAt);

        var order = decision.State;
        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.Empty(order.Reservations);
        Assert.Equal(Quantities, order.PendingDeduct);
        Assert.Empty(order.PendingRelease);
        Assert.Null(order.SlaStep);
        Assert.Null(order.SlaDeadline);
        var entry = Assert.Single(decision.Effects.Announce);
        Assert.Equal(OrderStatus.ReleasedToWarehouse, entry.From);
        Assert.Equal(OrderStatus.Shipped, entry.Status);
        Assert.Equal(ShipAt, entry.At);
        Assert.Equal("corr-carrier", entry.CorrelationId);
        Assert.Contains("DHL", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("TRK-1", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipment_ShippedWithoutCarrierDetails_StillShips()
    {
        var order = OrderWorkflow.Shipment(Released(), new ShipmentEvent(ShipmentMilestone.Shipped, null, null), "corr-carrier", ShipAt).State;

        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.Contains("n/a", order.Timeline[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipment_ShippedTwice_IsUnchanged()
    {
        var shipped = Shipped();

        var again = OrderWorkflow.Shipment(shipped, ShippedEvent, "corr-carrier", ShipAt.AddMinutes(10));

        Assert.False(again.Changed);
        Assert.Same(shipped, again.State);
        Assert.Same(OrderEffects.None, again.Effects);
    }

    [Fact]
    public void Shipment_ShippedRepeatedAfterStockWasConfirmed_DeductsNothingAgain()
    {
        var confirmed = OrderWorkflow.StockConfirmed(Shipped()).State;

        var again = OrderWorkflow.Shipment(confirmed, ShippedEvent, "corr-carrier", ShipAt.AddMinutes(10));

        Assert.False(again.Changed);
        Assert.Empty(again.State.PendingDeduct);
    }

    [Fact]
    public void Shipment_DeliveredAfterShipped_IsDelivered()
    {
        var decision = OrderWorkflow.Shipment(Shipped(), DeliveredEvent, "corr-carrier", ShipAt.AddDays(1));

        Assert.Equal(OrderStatus.Delivered, decision.State.Status);
        var entry = Assert.Single(decision.Effects.Announce);
        Assert.Equal(OrderStatus.Shipped, entry.From);
        Assert.Equal(OrderStatus.Delivered, entry.Status);
        AssertFollowsTransitions(decision.State);
    }

    [Theory]
    [InlineData(ShipmentMilestone.Shipped)]
    [InlineData(ShipmentMilestone.Delivered)]
    public void Shipment_AnyMilestoneAfterDelivered_IsUnchanged(ShipmentMilestone milestone)
    {
        var delivered = Delivered();

        var again = OrderWorkflow.Shipment(delivered, new ShipmentEvent(milestone, "DHL", "TRK-1"), "corr-carrier", ShipAt.AddDays(2));

        Assert.False(again.Changed);
        Assert.Equal(OrderStatus.Delivered, again.State.Status);
    }

    [Theory]
    [InlineData(OrderStatus.Accepted)]
    [InlineData(OrderStatus.ErpCommitted)]
    [InlineData(OrderStatus.OnHold)]
    [InlineData(OrderStatus.Cancelled)]
    public void Shipment_ShippedBeforeTheRelease_IsAConflict(OrderStatus status)
    {
        var order = In(status);

        var refusal = Assert.Throws<RuleViolationException>(() => OrderWorkflow.Shipment(order, ShippedEvent, "corr-carrier", ShipAt));

        Assert.Equal(RuleViolationKind.Conflict, refusal.Kind);
        Assert.Equal(RuleCodes.InvalidTransition, refusal.Code);
    }

    [Theory]
    [InlineData(OrderStatus.Accepted)]
    [InlineData(OrderStatus.ReleasedToWarehouse)]
    [InlineData(OrderStatus.Cancelled)]
    public void Shipment_DeliveredBeforeShipped_IsAConflict(OrderStatus status)
    {
        var order = In(status);

        var refusal = Assert.Throws<RuleViolationException>(() => OrderWorkflow.Shipment(order, DeliveredEvent, "corr-carrier", ShipAt));

        Assert.Equal(RuleCodes.InvalidTransition, refusal.Code);
    }

    [Fact]
    public void StockConfirmed_AfterShipment_ClearsPendingDeduct()
    {
        var decision = OrderWorkflow.StockConfirmed(Shipped());

        Assert.True(decision.Changed);
        Assert.Empty(decision.State.PendingDeduct);
        Assert.False(decision.State.HasPendingStock);
        Assert.Equal(OrderStatus.Shipped, decision.State.Status);
        Assert.Empty(decision.Effects.Announce);
    }

    [Fact]
    public void StockConfirmed_AfterCancellation_ClearsPendingRelease()
    {
        var decision = OrderWorkflow.StockConfirmed(Cancelled());

        Assert.True(decision.Changed);
        Assert.Empty(decision.State.PendingRelease);
        Assert.False(decision.State.HasPendingStock);
    }

    [Fact]
    public void StockConfirmed_NothingPending_IsUnchanged()
    {
        var order = Released();

        var decision = OrderWorkflow.StockConfirmed(order);

        Assert.False(decision.Changed);
        Assert.Same(order, decision.State);
        Assert.Equal(Quantities, decision.State.Reservations);
    }

    [Fact]
    public void HoldOn_ThroughTheOrdersLife_TellsTheInventoryWhatTheOrderHolds()
    {
        // What an inventory in doubt is told: keep a reservation, or wait for the release or deduction to come.
        Assert.Equal(new StockHold(StockHoldKind.Reserved, 3), Released().HoldOn("SKU-A"));
        Assert.Equal(new StockHold(StockHoldKind.Deducting, 3), Shipped().HoldOn("SKU-A"));
        Assert.Equal(new StockHold(StockHoldKind.Releasing, 1), Cancelled().HoldOn("SKU-B"));
        Assert.Equal(StockHold.Nothing, OrderWorkflow.StockConfirmed(Shipped()).State.HoldOn("SKU-A"));
        Assert.Equal(StockHold.Nothing, OrderWorkflow.StockConfirmed(Cancelled()).State.HoldOn("SKU-B"));
    }

    [Fact]
    public void HoldOn_StockConstrainedOrSkuNotOrdered_IsNothing()
    {
        Assert.Equal(StockHold.Nothing, StockConstrained().HoldOn("SKU-A"));
        Assert.Equal(StockHold.Nothing, Accepted().HoldOn("SKU-Z"));
        Assert.Equal(StockHold.Nothing, Accepted().HoldOn("sku-a"));
    }
}
