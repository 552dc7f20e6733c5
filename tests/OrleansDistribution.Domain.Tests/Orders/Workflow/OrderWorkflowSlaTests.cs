using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders;
using OrleansDistribution.Domain.Exceptions;
using OrleansDistribution.Domain.Orders.Workflow;
using static OrleansDistribution.Domain.Tests.Orders.Workflow.Scenario;

namespace OrleansDistribution.Domain.Tests.Orders.Workflow;

public sealed class OrderWorkflowSlaTests
{
    private static readonly DateTimeOffset ErpDeadline = T0 + Timings.ErpCommitWithin;

    private static readonly DateTimeOffset ShipDeadline = FirstStepAt + Timings.ShipWithin;

    [Fact]
    public void CheckSla_BeforeTheDeadline_ChangesNothing()
    {
        var order = Accepted();

        var decision = OrderWorkflow.CheckSla(order, Timings, ErpDeadline - TimeSpan.FromTicks(1));

        Assert.False(decision.Changed);
        Assert.Same(order, decision.State);
        Assert.Same(OrderEffects.None, decision.Effects);
    }

    [Fact]
    public void CheckSla_ErpCommitOverdue_RaisesAWarningAndKeepsTheStatus()
    {
        var decision = OrderWorkflow.CheckSla(Accepted(), Timings, ErpDeadline);

        var order = decision.State;
        Assert.Equal(OrderStatus.Accepted, order.Status);
        var warning = OpenException(order);
        Assert.Equal(OrderExceptionTypes.ErpUnavailable, warning.Type);
        Assert.Equal(OrderSteps.Sla(OrderSteps.ErpCommit), warning.Step);
        Assert.Equal(ExceptionIds.For(OrderId, 1), warning.ExceptionId);
        Assert.Equal(ErpDeadline, warning.RaisedAt);
        Assert.False(order.IsHeld);
        Assert.Equal(warning, decision.Effects.File);
        var note = Assert.Single(decision.Effects.Announce);
        Assert.Equal(OrderStatus.Accepted, note.From);
        Assert.Equal(OrderStatus.Accepted, note.Status);
        Assert.Contains("SLA", note.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSla_CheckedAgainAfterTheWarning_RaisesNothingMore()
    {
        var warned = OrderWorkflow.CheckSla(Accepted(), Timings, ErpDeadline).State;

        var later = OrderWorkflow.CheckSla(warned, Timings, ErpDeadline.AddHours(3));

        Assert.False(later.Changed);
        Assert.Same(warned.Exception, later.State.Exception);
        Assert.Equal(1, later.State.ExceptionCount);
    }

    [Fact]
    public void CheckSla_CommitStillFailingAtTheDeadline_HoldsWithErpUnavailable()
    {
        // The outage outlasted the SLA: now it is a person's exception, one, replayable.
        var retrying = FailOnce(Accepted(), WorkflowSteps.ErpCommit, "ERP down").State;

        var decision = OrderWorkflow.CheckSla(retrying, Timings, ErpDeadline);

        var held = decision.State;
        Assert.True(held.IsHeld);
        var exception = OpenException(held);
        Assert.Equal(OrderExceptionTypes.ErpUnavailable, exception.Type);
        Assert.Equal(OrderSteps.ErpCommit, exception.Step);
        Assert.Contains("ERP down", exception.LastError, StringComparison.Ordinal);
        Assert.Equal(exception, decision.Effects.File);
        Assert.Null(held.NextAttemptAt);
        Assert.NotEqual(ResolutionPlan.NotAllowed, ExceptionRules.ForRetry(exception.Step));
    }

    [Fact]
    public void StepFinished_CommitAfterTheErpWarning_ClosesTheWarning()
    {
        var warned = OrderWorkflow.CheckSla(Accepted(), Timings, ErpDeadline).State;
        var warning = OpenException(warned);

        var decision = Finish(warned, WorkflowSteps.ErpCommit, StepOutcome.Succeeded("ERP-1"), ErpDeadline.AddMinutes(1));

        var order = decision.State;
        Assert.Equal(OrderStatus.ErpCommitted, order.Status);
        Assert.Null(order.Exception);
        Assert.Equal([warning], decision.Effects.Withdraw);
        Assert.Null(decision.Effects.File);
        Assert.Contains(decision.Effects.Announce, entry => entry.Status == OrderStatus.Accepted && entry.Detail.Contains("closed", StringComparison.Ordinal));
        Assert.Equal(OrderStatus.ErpCommitted, decision.Effects.Announce[^1].Status);
    }

    [Fact]
    public void StepFinished_FirstFailureAfterTheErpWarning_TheWarningBecomesTheHold()
    {
        // One exception for one delay: the hold replaces the warning in the same queue, under the same ID.
        var order = OrderWorkflow.CheckSla(Accepted(), Timings, ErpDeadline).State;
        var warning = OpenException(order);
        order = Finish(order, WorkflowSteps.ErpCommit, StepOutcome.Unavailable("timeout"), ErpDeadline.AddMinutes(1)).State;

        var hold = OpenException(order);
        Assert.True(order.IsHeld);
        Assert.Equal(warning.ExceptionId, hold.ExceptionId);
        Assert.Equal(OrderExceptionTypes.ErpUnavailable, hold.Type);
        Assert.Equal(OrderSteps.ErpCommit, hold.Step);
        Assert.Equal(1, order.ExceptionCount);
    }

    [Fact]
    public void CheckSla_AlreadyHeldForTheStep_RaisesNoSecondException()
    {
        var held = ErpHeld();

        var decision = OrderWorkflow.CheckSla(held, Timings, ErpDeadline);

        Assert.Same(held.Exception, decision.State.Exception);
        Assert.Null(decision.Effects.File);
        Assert.Empty(decision.Effects.Announce);
        Assert.Null(decision.State.SlaDeadline);
        Assert.Equal(OrderStatus.OnHold, decision.State.Status);
    }

    [Fact]
    public void CheckSla_CommittedInTime_NeverRaises()
    {
        var order = Committed();

        var decision = OrderWorkflow.CheckSla(order, Timings, ErpDeadline.AddDays(1));

        Assert.False(decision.Changed);
        Assert.Null(decision.State.Exception);
    }

    [Fact]
    public void CheckSla_StockConstrainedOrder_HasNoClockRunning()
    {
        var order = StockConstrained();

        var decision = OrderWorkflow.CheckSla(order, Timings, ErpDeadline.AddDays(1));

        Assert.False(decision.Changed);
    }

    [Fact]
    public void CheckSla_ErpCommitWithinFromTimings_SetsTheDeadline()
    {
        var strict = Timings with { ErpCommitWithin = TimeSpan.FromMinutes(2) };
        var order = OrderWorkflow.Capture(Capture(), strict, T0).State;

        Assert.Null(OrderWorkflow.CheckSla(order, strict, T0.AddMinutes(2).AddTicks(-1)).State.Exception);
        Assert.NotNull(OrderWorkflow.CheckSla(order, strict, T0.AddMinutes(2)).State.Exception);
    }

    [Fact]
    public void CheckSla_ReleasedButNotShippedInTime_RaisesShipmentOverdue()
    {
        var decision = OrderWorkflow.CheckSla(Released(), Timings, ShipDeadline);

        var order = decision.State;
        Assert.Equal(OrderStatus.ReleasedToWarehouse, order.Status);
        var warning = OpenException(order);
        Assert.Equal(OrderExceptionTypes.ShipmentOverdue, warning.Type);
        Assert.Equal(OrderSteps.Sla(OrderSteps.WarehouseRelease), warning.Step);
        Assert.False(order.IsHeld);
        Assert.Equal(warning, decision.Effects.File);
    }

    [Fact]
    public void CheckSla_ReleasedBeforeShipDeadline_ChangesNothing()
    {
        var decision = OrderWorkflow.CheckSla(Released(), Timings, ShipDeadline.AddTicks(-1));

        Assert.False(decision.Changed);
    }

    [Fact]
    public void CheckSla_ShippedInTime_NeverRaises()
    {
        var decision = OrderWorkflow.CheckSla(Shipped(), Timings, ShipDeadline.AddDays(1));

        Assert.False(decision.Changed);
        Assert.Null(decision.State.Exception);
    }

    [Fact]
    public void Shipment_ShippedAfterTheOverdueWarning_ClosesTheWarning()
    {
        var warned = OrderWorkflow.CheckSla(Released(), Timings, ShipDeadline).State;
        var warning = OpenException(warned);

        var decision = OrderWorkflow.Shipment(warned, ShippedEvent, "corr-carrier", ShipDeadline.AddHours(1));

        Assert.Equal(OrderStatus.Shipped, decision.State.Status);
        Assert.Null(decision.State.Exception);
        Assert.Equal([warning], decision.Effects.Withdraw);
        Assert.Null(decision.State.SlaStep);
        AssertFollowsTransitions(decision.State);
    }

    [Theory]
    [InlineData(ExceptionAction.Skip)]
    [InlineData(ExceptionAction.Release)]
    public void Resolve_SlaWarning_IsAcknowledgedAndTheOrderKeepsItsStatus(ExceptionAction action)
    {
        var warned = OrderWorkflow.CheckSla(Accepted(), Timings, ErpDeadline).State;
        var warning = OpenException(warned);

        var decision = Resolve(warned, action, ErpDeadline.AddMinutes(1), "ERP maintenance window");

        var order = decision.State;
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Null(order.Exception);
        Assert.Equal([warning], decision.Effects.Withdraw);
        Assert.Null(decision.Effects.RunNow);
        Assert.Equal(WorkflowSteps.ErpCommit, OrderWorkflow.PendingStep(order));
        Assert.Contains(Actor, order.Timeline[^1].Detail, StringComparison.Ordinal);
        Assert.Contains("ERP maintenance window", order.Timeline[^1].Detail, StringComparison.Ordinal);
        Assert.False(OrderWorkflow.CheckSla(order, Timings, ErpDeadline.AddHours(1)).Changed);
    }
}
