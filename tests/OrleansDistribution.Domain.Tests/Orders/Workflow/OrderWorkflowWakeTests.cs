using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders.Workflow;
using static OrleansDistribution.Domain.Tests.Orders.Workflow.Scenario;

namespace OrleansDistribution.Domain.Tests.Orders.Workflow;

/// <summary>When an order acts by itself (NextDue, for its own timer) and when the sweeper must wake it (WakeAt).</summary>
public sealed class OrderWorkflowWakeTests
{
    private static readonly DateTimeOffset ErpDeadline = T0 + Timings.ErpCommitWithin;

    private static readonly DateTimeOffset ShipDeadline = FirstStepAt + Timings.ShipWithin;

    [Theory]
    [InlineData(OrderStatus.Accepted, "erp-commit")]
    [InlineData(OrderStatus.ErpCommitted, "warehouse-release")]
    [InlineData(OrderStatus.ReleasedToWarehouse, null)]
    [InlineData(OrderStatus.OnHold, null)]
    [InlineData(OrderStatus.Shipped, null)]
    [InlineData(OrderStatus.Delivered, null)]
    [InlineData(OrderStatus.Cancelled, null)]
    public void PendingStep_ByStatus_IsTheStepTheOrderRunsByItself(OrderStatus status, string? step) =>
        Assert.Equal(step, OrderWorkflow.PendingStep(In(status))?.Name);

    [Fact]
    public void PendingStep_StockConstrained_IsNone() =>
        Assert.Null(OrderWorkflow.PendingStep(StockConstrained()));

    [Fact]
    public void NextDue_Accepted_IsTheFirstStep()
    {
        Assert.Equal(FirstStepAt, OrderWorkflow.NextDue(Accepted()));
    }

    [Fact]
    public void NextDue_RetryScheduled_IsTheRetry()
    {
        var order = FailOnce(Accepted(), WorkflowSteps.ErpCommit).State;

        Assert.Equal(FirstStepAt + StepBackoff.After(1, OrderId, Timings), OrderWorkflow.NextDue(order));
    }

    [Fact]
    public void NextDue_RetryScheduledAfterTheSlaDeadline_IsTheDeadline()
    {
        var order = Finish(Accepted(), WorkflowSteps.ErpCommit, StepOutcome.Unavailable("timeout"), ErpDeadline.AddSeconds(-10)).State;

        Assert.Equal(ErpDeadline.AddSeconds(-10) + StepBackoff.After(1, OrderId, Timings), order.NextAttemptAt);
        Assert.True(order.NextAttemptAt > ErpDeadline);
        Assert.Equal(ErpDeadline, OrderWorkflow.NextDue(order));
    }

    [Fact]
    public void NextDue_Released_IsTheShipmentDeadline() =>
        Assert.Equal(ShipDeadline, OrderWorkflow.NextDue(Released()));

    [Fact]
    public void NextDue_HeldWhileTheErpSlaRuns_IsTheSlaDeadline() =>
        Assert.Equal(ErpDeadline, OrderWorkflow.NextDue(ErpHeld()));

    [Fact]
    public void NextDue_HeldAfterTheSlaWasChecked_IsNone()
    {
        var order = OrderWorkflow.CheckSla(ErpHeld(), Timings, ErpDeadline).State;

        Assert.Null(OrderWorkflow.NextDue(order));
    }

    [Fact]
    public void NextDue_ReleasedAfterTheOverdueWarning_IsNone()
    {
        var order = OrderWorkflow.CheckSla(Released(), Timings, ShipDeadline).State;

        Assert.Null(OrderWorkflow.NextDue(order));
    }

    [Fact]
    public void NextDue_StockConstrained_IsNone() =>
        Assert.Null(OrderWorkflow.NextDue(StockConstrained()));

    [Theory]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.Cancelled)]
    public void NextDue_ShippedOrFinal_IsNone(OrderStatus status)
    {
        // Stock still to deduct or give back is settled by the grain at once and retried on its own timer.
        Assert.Null(OrderWorkflow.NextDue(In(status)));
    }

    [Fact]
    public void WakeAt_StepDueLater_IsAWhileAfterTheStepWasDue()
    {
        Assert.Equal(FirstStepAt + Timings.ResumeAfter, OrderWorkflow.WakeAt(Accepted(), Timings, T0));
    }

    [Fact]
    public void WakeAt_StepAlreadyDue_IsAWhileFromNow()
    {
        var now = FirstStepAt.AddSeconds(10);

        Assert.Equal(now + Timings.ResumeAfter, OrderWorkflow.WakeAt(Accepted(), Timings, now));
    }

    [Fact]
    public void WakeAt_RetryScheduled_IsAWhileAfterTheRetry()
    {
        var order = FailOnce(Accepted(), WorkflowSteps.ErpCommit).State;

        Assert.Equal(FirstStepAt + StepBackoff.After(1, OrderId, Timings) + Timings.ResumeAfter, OrderWorkflow.WakeAt(order, Timings, FirstStepAt));
    }

    [Fact]
    public void WakeAt_SlaDeadlineBeforeTheStep_IsTheDeadline()
    {
        var failedAt = ErpDeadline.AddSeconds(-10);
        var order = Finish(Accepted(), WorkflowSteps.ErpCommit, StepOutcome.Unavailable("timeout"), failedAt).State;

        Assert.Equal(ErpDeadline, OrderWorkflow.WakeAt(order, Timings, failedAt));
    }

    [Fact]
    public void WakeAt_ResumeAfterFromTimings_IsUsed()
    {
        var patient = Timings with { ResumeAfter = TimeSpan.FromMinutes(7) };

        Assert.Equal(FirstStepAt + TimeSpan.FromMinutes(7), OrderWorkflow.WakeAt(Accepted(), patient, T0));
    }

    [Fact]
    public void WakeAt_Released_IsTheShipmentDeadline() =>
        Assert.Equal(ShipDeadline, OrderWorkflow.WakeAt(Released(), Timings, FirstStepAt));

    [Fact]
    public void WakeAt_HeldWhileTheErpSlaRuns_IsTheSlaDeadline() =>
        Assert.Equal(ErpDeadline, OrderWorkflow.WakeAt(ErpHeld(), Timings, T0.AddMinutes(2)));

    [Fact]
    public void WakeAt_HeldWithNoClockRunning_IsItsExpiry_OrNoneWithExpiryOff()
    {
        // The ERP SLA stopped at the commit; a held warehouse release waits for an operator, until it expires.
        var held = WarehouseHeld();
        Assert.Equal(held.Timeline[^1].At + Timings.HoldExpiry, OrderWorkflow.WakeAt(held, Timings, T0.AddMinutes(2)));
        Assert.Equal(T0 + Timings.HoldExpiry, OrderWorkflow.WakeAt(StockConstrained(), Timings, T0));

        var noExpiry = Timings with { HoldExpiry = TimeSpan.Zero };
        Assert.Null(OrderWorkflow.WakeAt(held, noExpiry, T0.AddMinutes(2)));
        Assert.Null(OrderWorkflow.WakeAt(StockConstrained(), noExpiry, T0));
    }

    [Fact]
    public void WakeAt_Delivered_IsNone()
    {
        var delivered = OrderWorkflow.StockConfirmed(Delivered()).State;

        Assert.Null(OrderWorkflow.WakeAt(delivered, Timings, ShipAt.AddDays(1)));
    }

    [Fact]
    public void WakeAt_CancelledWithStockToGiveBack_IsAWhileFromNow()
    {
        var now = T0.AddSeconds(1);
        var order = Cancelled();

        Assert.True(order.HasPendingStock);
        Assert.Equal(now + Timings.ResumeAfter, OrderWorkflow.WakeAt(order, Timings, now));
    }

    [Fact]
    public void WakeAt_ShippedWithStockToDeduct_IsAWhileFromNow()
    {
        var order = Shipped();

        Assert.True(order.HasPendingStock);
        Assert.Equal(ShipAt + Timings.ResumeAfter, OrderWorkflow.WakeAt(order, Timings, ShipAt));
    }

    [Fact]
    public void WakeAt_StockConfirmedAfterCancel_IsNone()
    {
        var order = OrderWorkflow.StockConfirmed(Cancelled()).State;

        Assert.Null(OrderWorkflow.WakeAt(order, Timings, T0.AddSeconds(2)));
    }
}
