using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders.Workflow;
using static OrleansDistribution.Domain.Tests.Orders.Workflow.Scenario;

namespace OrleansDistribution.Domain.Tests.Orders.Workflow;

/// <summary>An operator's retry (replay of the failed step) and manual resolution of an order's exception.</summary>
public sealed class OrderWorkflowExceptionTests
{
    private static readonly DateTimeOffset OperatorAt = T0.AddMinutes(30);

    [Fact]
    public void Retry_StockConstrained_AsksToReserveEveryLineAgain()
    {
        var held = StockConstrained();

        var decision = Retry(held, OperatorAt);

        Assert.Equal(Quantities, decision.Effects.ReserveNow);
        Assert.Equal(held.Exception, decision.Effects.ReserveReplaying);
        Assert.Null(decision.Effects.RunNow);
        Assert.Equal(OrderStatus.OnHold, decision.State.Status);
        Assert.Equal(held.Exception, decision.State.Exception);
        Assert.Empty(decision.Effects.Withdraw);
    }

    [Fact]
    public void Retry_AnyException_LandsOnTheTimelineWithWhoAndWhy()
    {
        var decision = Retry(ErpHeld(), OperatorAt, "ERP back up");

        var note = decision.State.Timeline.First(entry => entry.At == OperatorAt);
        Assert.Equal(OrderStatus.OnHold, note.From);
        Assert.Equal(OrderStatus.OnHold, note.Status);
        Assert.Equal(CommandCorrelation, note.CorrelationId);
        Assert.Contains(Actor, note.Detail, StringComparison.Ordinal);
        Assert.Contains("ERP back up", note.Detail, StringComparison.Ordinal);
        Assert.Contains(OrderExceptionTypes.ErpUnavailable, note.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Reserved_AllLinesOnRetry_AcceptsAndStartsTheWorkflow()
    {
        var held = StockConstrained();
        var open = OpenException(held);
        var retried = Retry(held, OperatorAt).State;

        var decision = OrderWorkflow.Reserved(retried, open, Quantities, [], Timings, OperatorAt);

        var order = decision.State;
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Null(order.Exception);
        Assert.Equal(Quantities, order.Reservations);
        Assert.Equal([open], decision.Effects.Withdraw);
        Assert.Null(decision.Effects.File);
        Assert.Equal(OperatorAt + Timings.FirstStepDelay, order.NextAttemptAt);
        Assert.Equal(WorkflowSteps.ErpCommit, OrderWorkflow.PendingStep(order));
        Assert.Equal(WorkflowSlas.ErpCommit.Key, order.SlaStep);
        Assert.Equal(OperatorAt + Timings.ErpCommitWithin, order.SlaDeadline);
        Assert.Equal(OrderStatus.OnHold, order.Timeline[^1].From);
        Assert.Equal(OrderStatus.Accepted, order.Timeline[^1].Status);
    }

    [Fact]
    public void Reserved_StillShortOnRetry_HoldsAgainUnderTheSameException()
    {
        var held = StockConstrained();
        var open = OpenException(held);
        var retried = Retry(held, OperatorAt).State;

        var decision = OrderWorkflow.Reserved(retried, open, Quantities, ["SKU-A"], Timings, OperatorAt);

        var order = decision.State;
        Assert.Equal(OrderStatus.OnHold, order.Status);
        var again = OpenException(order);
        Assert.Equal(open.ExceptionId, again.ExceptionId);
        Assert.Equal(OrderExceptionTypes.StockConstrained, again.Type);
        Assert.Equal(open.Attempts + 1, again.Attempts);
        Assert.Contains("SKU-A", again.LastError, StringComparison.Ordinal);
        Assert.Equal(again, decision.Effects.File);
        Assert.Empty(decision.Effects.Withdraw);
        Assert.Empty(order.Reservations);
        Assert.Equal(1, order.ExceptionCount);
        Assert.Equal(OrderStatus.Accepted, order.HeldFrom);
        Assert.Null(order.SlaStep);
    }

    [Fact]
    public void Retry_HeldErpCommit_ResumesAtAcceptedAndRunsTheStepNow()
    {
        var held = ErpHeld();
        var open = OpenException(held);

        var decision = Retry(held, OperatorAt);

        var order = decision.State;
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Null(order.Exception);
        Assert.Equal(0, order.StepAttempts);
        Assert.Equal(new StepRun(WorkflowSteps.ErpCommit, open), decision.Effects.RunNow);
        Assert.Equal(OrderStatus.OnHold, order.Timeline[^1].From);
        Assert.Equal(OrderStatus.Accepted, order.Timeline[^1].Status);
        AssertFollowsTransitions(order);
    }

    [Fact]
    public void Retry_HeldWarehouseRelease_ResumesAtErpCommittedAndRunsTheStepNow()
    {
        var held = WarehouseHeld();

        var decision = Retry(held, OperatorAt);

        Assert.Equal(OrderStatus.ErpCommitted, decision.State.Status);
        Assert.Equal(new StepRun(WorkflowSteps.WarehouseRelease, held.Exception), decision.Effects.RunNow);
    }

    [Fact]
    public void Resolve_ReleaseHeldStep_RunsTheStepAgainLikeARetry()
    {
        var held = ErpHeld();

        var decision = Resolve(held, ExceptionAction.Release, OperatorAt);

        Assert.Equal(OrderStatus.Accepted, decision.State.Status);
        Assert.Equal(new StepRun(WorkflowSteps.ErpCommit, held.Exception), decision.Effects.RunNow);
    }

    [Fact]
    public void Resolve_ReleaseStockConstrained_ReservesAgain()
    {
        var decision = Resolve(StockConstrained(), ExceptionAction.Release, OperatorAt);

        Assert.Equal(Quantities, decision.Effects.ReserveNow);
        Assert.NotNull(decision.Effects.ReserveReplaying);
    }

    [Fact]
    public void StepFinished_ReplaySucceeded_WithdrawsTheExceptionAndMovesOn()
    {
        var held = ErpHeld();
        var open = OpenException(held);
        var replay = Retry(held, OperatorAt);

        var decision = Finish(replay.State, WorkflowSteps.ErpCommit, StepOutcome.Succeeded("ERP-9"), OperatorAt, open);

        Assert.Equal(OrderStatus.ErpCommitted, decision.State.Status);
        Assert.Equal("ERP-9", decision.State.ErpReference);
        Assert.Equal([open], decision.Effects.Withdraw);
        Assert.Null(decision.Effects.File);
        Assert.Equal(WorkflowSteps.WarehouseRelease, OrderWorkflow.PendingStep(decision.State));
    }

    [Fact]
    public void StepFinished_ReplayFailedTransiently_WaitsWithAFreshGrace_ExceptionWithdrawn()
    {
        var held = ErpHeld();
        var open = OpenException(held);
        var replay = Retry(held, OperatorAt);

        var decision = Finish(replay.State, WorkflowSteps.ErpCommit, StepOutcome.Unavailable("still down"), OperatorAt, open);

        var order = decision.State;
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Null(order.Exception);
        Assert.Equal([open], decision.Effects.Withdraw);
        Assert.Null(decision.Effects.File);
        Assert.Equal(1, order.StepAttempts);
        Assert.Equal(OperatorAt + Timings.ErpCommitWithin, order.StepGiveUpAt);

        // Still down when the fresh grace ran out: one new exception, the order's second.
        var heldAgain = FailUntilHeld(order, WorkflowSteps.ErpCommit);
        Assert.Equal(OrderExceptionTypes.ErpUnavailable, OpenException(heldAgain).Type);
        Assert.Equal(2, heldAgain.ExceptionCount);
    }

    [Fact]
    public void StepFinished_ReplayRejected_MovesTheExceptionToTheRejectedQueue()
    {
        var held = ErpHeld();
        var open = OpenException(held);
        var replay = Retry(held, OperatorAt);

        var decision = Finish(replay.State, WorkflowSteps.ErpCommit, StepOutcome.Rejected("customer blocked"), OperatorAt, open);

        var again = OpenException(decision.State);
        Assert.Equal(OrderExceptionTypes.ErpRejected, again.Type);
        Assert.Equal(open.ExceptionId, again.ExceptionId);
        Assert.Equal([open], decision.Effects.Withdraw);
        Assert.Equal(again, decision.Effects.File);
    }

    [Fact]
    public void Resolve_SkipErpCommit_CommitsByHandAndContinuesToTheWarehouse()
    {
        var held = ErpHeld();
        var open = OpenException(held);

        var decision = Resolve(held, ExceptionAction.Skip, OperatorAt, "keyed into the ERP");

        var order = decision.State;
        Assert.Equal(OrderStatus.ErpCommitted, order.Status);
        Assert.Equal("manual", order.ErpReference);
        Assert.Null(order.Exception);
        Assert.Equal([open], decision.Effects.Withdraw);
        Assert.Null(decision.Effects.RunNow);
        Assert.Null(order.SlaStep);
        Assert.Equal(WorkflowSteps.WarehouseRelease, OrderWorkflow.PendingStep(order));
        Assert.Equal(OperatorAt, OrderWorkflow.NextDue(order));
        Assert.Contains(order.Timeline, entry => entry.Detail.Contains(Actor, StringComparison.Ordinal) && entry.Detail.Contains("keyed into the ERP", StringComparison.Ordinal));
        AssertFollowsTransitions(order);
    }

    [Fact]
    public void Resolve_SkipWarehouseRelease_ReleasesByHandAndStartsTheShipmentSla()
    {
        var held = WarehouseHeld();

        var decision = Resolve(held, ExceptionAction.Skip, OperatorAt);

        var order = decision.State;
        Assert.Equal(OrderStatus.ReleasedToWarehouse, order.Status);
        Assert.Equal("manual", order.WarehouseReference);
        Assert.Equal("ERP-1", order.ErpReference);
        Assert.Null(order.Exception);
        Assert.Equal(WorkflowSlas.Shipment.Key, order.SlaStep);
        Assert.Equal(OperatorAt + Timings.ShipWithin, order.SlaDeadline);
        Assert.Null(OrderWorkflow.PendingStep(order));
        AssertFollowsTransitions(order);
    }

    [Fact]
    public void Resolve_SkipStockConstrained_IsNotAllowed()
    {
        // Skipping the reservation would promise stock nobody has.
        var held = StockConstrained();

        var refusal = Assert.Throws<RuleViolationException>(() => Resolve(held, ExceptionAction.Skip, OperatorAt));

        Assert.Equal(RuleViolationKind.Conflict, refusal.Kind);
        Assert.Equal(RuleCodes.ResolutionNotAllowed, refusal.Code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Retry_SlaWarning_IsNotRetryable(bool erpSla)
    {
        var warned = erpSla
            ? OrderWorkflow.CheckSla(Accepted(), Timings, T0 + Timings.ErpCommitWithin).State
            : OrderWorkflow.CheckSla(Released(), Timings, FirstStepAt + Timings.ShipWithin).State;

        var refusal = Assert.Throws<RuleViolationException>(() => Retry(warned, OperatorAt.AddDays(3)));

        Assert.Equal(RuleViolationKind.Conflict, refusal.Kind);
        Assert.Equal(RuleCodes.NotRetryable, refusal.Code);
    }

    [Fact]
    public void Retry_UnknownExceptionId_IsNotFound()
    {
        var held = ErpHeld();

        var refusal = Assert.Throws<RuleViolationException>(() =>
            OrderWorkflow.Retry(held, ExceptionIds.For(OrderId, 7), Actor, null, CommandCorrelation, Timings, OperatorAt));

        Assert.Equal(RuleViolationKind.NotFound, refusal.Kind);
        Assert.Equal(RuleCodes.ExceptionNotFound, refusal.Code);
    }

    [Theory]
    [InlineData(ExceptionAction.Cancel)]
    [InlineData(ExceptionAction.Skip)]
    [InlineData(ExceptionAction.Release)]
    public void Resolve_UnknownExceptionId_IsNotFound(ExceptionAction action)
    {
        var held = ErpHeld();

        var refusal = Assert.Throws<RuleViolationException>(() =>
            OrderWorkflow.Resolve(held, "ord_other-x1", action, Actor, null, CommandCorrelation, Timings, OperatorAt));

        Assert.Equal(RuleViolationKind.NotFound, refusal.Kind);
        Assert.Equal(RuleCodes.ExceptionNotFound, refusal.Code);
    }

    [Fact]
    public void Retry_ExceptionAlreadyResolved_IsNotFound()
    {
        var held = ErpHeld();
        var open = OpenException(held);
        var skipped = Resolve(held, ExceptionAction.Skip, OperatorAt).State;

        var refusal = Assert.Throws<RuleViolationException>(() =>
            OrderWorkflow.Retry(skipped, open.ExceptionId, Actor, null, CommandCorrelation, Timings, OperatorAt.AddMinutes(1)));

        Assert.Equal(RuleCodes.ExceptionNotFound, refusal.Code);
    }

    [Fact]
    public void Resolve_CancelHeldOrder_CancelsWithTheOperatorsReason()
    {
        var held = ErpHeld();
        var open = OpenException(held);

        var decision = Resolve(held, ExceptionAction.Cancel, OperatorAt, "SKU discontinued");

        var order = decision.State;
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Null(order.Exception);
        Assert.Equal([open], decision.Effects.Withdraw);
        Assert.Contains(Actor, order.CancelReason, StringComparison.Ordinal);
        Assert.Contains("SKU discontinued", order.CancelReason, StringComparison.Ordinal);
        Assert.Equal(Quantities, order.PendingRelease);
        Assert.Empty(order.Reservations);
        Assert.Null(order.SlaStep);
        AssertFollowsTransitions(order);
    }
}
