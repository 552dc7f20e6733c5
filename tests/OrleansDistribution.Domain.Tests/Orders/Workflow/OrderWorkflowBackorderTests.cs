using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders.Workflow;
using static OrleansDistribution.Domain.Tests.Orders.Workflow.Scenario;

namespace OrleansDistribution.Domain.Tests.Orders.Workflow;

public sealed class OrderWorkflowBackorderTests
{
    [Fact]
    public void Capture_WithBackorderedUnits_IsBackordered_ReservesTheRest_AndWaitsWithoutSla()
    {
        var order = Backordered();

        Assert.Equal(OrderStatus.Backordered, order.Status);
        Assert.Equal(new Dictionary<string, int> { ["SKU-A"] = 1, ["SKU-B"] = 1 }, order.Reservations);
        Assert.Equal(new Dictionary<string, int> { ["SKU-A"] = 2 }, order.Backorders);
        Assert.Null(order.SlaStep);
        Assert.Null(OrderWorkflow.PendingStep(order));
        Assert.Equal(new StockHold(StockHoldKind.Reserved, 1, 2), order.HoldOn("SKU-A"));
    }

    [Fact]
    public void BackorderFilled_InPart_ReservesIt_AndStillWaits()
    {
        var (decision, holds) = OrderWorkflow.BackorderFilled(Backordered(), "SKU-A", 1, 1, Timings, T0.AddMinutes(5));

        Assert.True(holds);
        Assert.Equal(OrderStatus.Backordered, decision.State.Status);
        Assert.Equal(2, decision.State.Reservations["SKU-A"]);
        Assert.Equal(1, decision.State.Backorders["SKU-A"]);
        Assert.Contains("Backorder filled: 1 of SKU-A", Assert.Single(decision.Effects.Announce).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void BackorderFilled_Completely_AcceptsAndGoesOn_WithTheErpSla()
    {
        var at = T0.AddMinutes(5);
        var (decision, _) = OrderWorkflow.BackorderFilled(Backordered(), "SKU-A", 2, 0, Timings, at);

        var order = decision.State;
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal(Quantities, order.Reservations);
        Assert.Empty(order.Backorders);
        Assert.Equal(WorkflowSteps.ErpCommit, OrderWorkflow.PendingStep(order));
        Assert.Equal(at + Timings.ErpCommitWithin, order.SlaDeadline);
    }

    [Fact]
    public void BackorderFilled_Repeated_ChangesNothing_AndStillHolds()
    {
        var (first, _) = OrderWorkflow.BackorderFilled(Backordered(), "SKU-A", 1, 1, Timings, T0.AddMinutes(5));

        var (again, holds) = OrderWorkflow.BackorderFilled(first.State, "SKU-A", 1, 1, Timings, T0.AddMinutes(6));

        Assert.True(holds);
        Assert.False(again.Changed);
        Assert.Equal(2, again.State.Reservations["SKU-A"]);
    }

    [Fact]
    public void BackorderFilled_AfterCancellation_IsRefused_SoTheSkuReleasesIt()
    {
        var cancelled = OrderWorkflow.Cancel(Backordered(), "customer withdrew", "corr-cancel", T0.AddMinutes(1)).State;

        var (decision, holds) = OrderWorkflow.BackorderFilled(cancelled, "SKU-A", 2, 0, Timings, T0.AddMinutes(5));

        Assert.False(holds);
        Assert.False(decision.Changed);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(new Dictionary<string, int> { ["SKU-A"] = 0 }, cancelled.PendingBackorderCancel);
        Assert.Equal(new Dictionary<string, int> { ["SKU-A"] = 1, ["SKU-B"] = 1 }, cancelled.PendingRelease);
    }

    [Fact]
    public void Cancel_AfterAPartialFill_GivesTheSkuTheAcknowledgedCount()
    {
        var (filled, _) = OrderWorkflow.BackorderFilled(Backordered(), "SKU-A", 1, 1, Timings, T0.AddMinutes(5));

        var cancelled = OrderWorkflow.Cancel(filled.State, "customer withdrew", "corr-cancel", T0.AddMinutes(6)).State;

        // The order releases the 2 units it holds of SKU-A; the SKU releases any filled beyond the 1 acknowledged.
        Assert.Equal(2, cancelled.PendingRelease["SKU-A"]);
        Assert.Equal(1, cancelled.PendingBackorderCancel["SKU-A"]);
        Assert.Empty(cancelled.Backorders);
    }

    [Fact]
    public void Expiry_ABackorderWithoutProgress_IsCancelledAfterHoldExpiry_WithATimelineEntry()
    {
        var order = Backordered();
        var expiresAt = T0 + Timings.HoldExpiry;

        Assert.Equal(expiresAt, OrderWorkflow.ExpiresAt(order, Timings));
        Assert.Equal(expiresAt, OrderWorkflow.WakeAt(order, Timings, T0));
        Assert.False(OrderWorkflow.CheckExpiry(order, Timings, expiresAt.AddSeconds(-1)).Changed);

        var decision = OrderWorkflow.CheckExpiry(order, Timings, expiresAt);

        Assert.Equal(OrderStatus.Cancelled, decision.State.Status);
        Assert.Contains(decision.Effects.Announce, entry => entry.Detail.StartsWith("Expired: no progress for 1.00:00:00 while Backordered", StringComparison.Ordinal));
        Assert.Equal(new Dictionary<string, int> { ["SKU-A"] = 1, ["SKU-B"] = 1 }, decision.State.PendingRelease);
    }

    [Fact]
    public void Expiry_AHeldOrder_CancelsAndCompensates_AProgressingOrNotHeldOneNever()
    {
        var held = ErpHeld();
        var at = held.Timeline[^1].At + Timings.HoldExpiry;

        var decision = OrderWorkflow.CheckExpiry(held, Timings, at);

        Assert.Equal("expired after 1.00:00:00 without progress", decision.State.CancelReason);
        Assert.Null(decision.State.Exception);
        Assert.Null(OrderWorkflow.ExpiresAt(Accepted(), Timings));
        Assert.Null(OrderWorkflow.ExpiresAt(Released(), Timings));
        Assert.Null(OrderWorkflow.ExpiresAt(Backordered(), Timings with { HoldExpiry = TimeSpan.Zero }));
    }
}
