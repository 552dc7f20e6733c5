using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders;
using OrleansDistribution.Domain.Orders.Workflow;
using static OrleansDistribution.Domain.Tests.Orders.Workflow.Scenario;

namespace OrleansDistribution.Domain.Tests.Orders.Workflow;

public sealed class OrderWorkflowStepTests
{
    [Fact]
    public void StepFinished_ErpCommitSucceeded_MovesToErpCommittedWithTheErpReference()
    {
        var decision = Succeed(Accepted(), WorkflowSteps.ErpCommit, "ERP-1");

        var order = decision.State;
        Assert.Equal(OrderStatus.ErpCommitted, order.Status);
        Assert.Equal("ERP-1", order.ErpReference);
        var entry = order.Timeline[^1];
        Assert.Equal(OrderStatus.Accepted, entry.From);
        Assert.Equal(OrderStatus.ErpCommitted, entry.Status);
        Assert.Equal(FirstStepAt, entry.At);
        Assert.Equal(SubmitCorrelation, entry.CorrelationId);
        Assert.Contains("ERP-1", entry.Detail, StringComparison.Ordinal);
        Assert.Equal([entry], decision.Effects.Announce);
    }

    [Fact]
    public void StepFinished_ErpCommitSucceeded_StopsTheErpSla()
    {
        var order = Committed();

        Assert.Null(order.SlaStep);
        Assert.Null(order.SlaDeadline);
        Assert.Null(OrderWorkflow.CheckSla(order, Timings, T0 + Timings.ErpCommitWithin + TimeSpan.FromHours(1)).State.Exception);
    }

    [Fact]
    public void StepFinished_ErpCommitSucceeded_WarehouseReleaseIsDueAtOnce()
    {
        var order = Committed();

        Assert.Equal(WorkflowSteps.WarehouseRelease, OrderWorkflow.PendingStep(order));
        Assert.Equal(FirstStepAt, order.NextAttemptAt);
        Assert.Equal(FirstStepAt, OrderWorkflow.NextDue(order));
    }

    [Fact]
    public void StepFinished_WarehouseReleaseSucceeded_MovesToReleasedAndStartsTheShipmentSla()
    {
        var decision = Succeed(Committed(), WorkflowSteps.WarehouseRelease, "WMS-1");

        var order = decision.State;
        Assert.Equal(OrderStatus.ReleasedToWarehouse, order.Status);
        Assert.Equal("WMS-1", order.WarehouseReference);
        Assert.Equal(WorkflowSlas.Shipment.Key, order.SlaStep);
        Assert.Equal(FirstStepAt + Timings.ShipWithin, order.SlaDeadline);
        Assert.Null(order.NextAttemptAt);
        Assert.Null(OrderWorkflow.PendingStep(order));
        Assert.Equal(OrderStatus.ErpCommitted, order.Timeline[^1].From);
        Assert.Contains("WMS-1", order.Timeline[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void StepFinished_HappyPath_TimelineReadsAcceptedCommittedReleased()
    {
        var order = Released();

        Assert.Equal(
            [OrderStatus.Accepted, OrderStatus.ErpCommitted, OrderStatus.ReleasedToWarehouse],
            order.Timeline.Select(entry => entry.Status));
        Assert.Equal(Quantities, order.Reservations);
        AssertFollowsTransitions(order);
    }

    [Fact]
    public void StepFinished_TransientFailure_SchedulesARetryAfterTheRetryDelay()
    {
        var decision = FailOnce(Accepted(), WorkflowSteps.ErpCommit, "connection refused");

        var order = decision.State;
        Assert.True(decision.Changed);
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal(1, order.StepAttempts);
        Assert.Equal("connection refused", order.LastStepError);
        Assert.Equal(FirstStepAt + Timings.StepRetryDelay, order.NextAttemptAt);
        Assert.Equal(WorkflowSteps.ErpCommit, OrderWorkflow.PendingStep(order));
        Assert.Null(order.Exception);
        Assert.Null(decision.Effects.File);
        Assert.Empty(decision.Effects.Announce);
    }

    [Fact]
    public void StepFinished_FailuresBelowTheBound_CountAttemptsWithoutHolding()
    {
        var order = Accepted();
        for (var attempt = 1; attempt < Timings.MaxStepAttempts; attempt++)
        {
            var failedAt = DueAt(order);
            order = FailOnce(order, WorkflowSteps.ErpCommit).State;

            Assert.Equal(attempt, order.StepAttempts);
            Assert.Equal(failedAt + Timings.StepRetryDelay, order.NextAttemptAt);
        }

        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.False(order.IsHeld);
    }

    [Fact]
    public void StepFinished_LastAllowedErpAttemptFails_HoldsWithErpUnavailable()
    {
        var beforeLast = Accepted();
        for (var attempt = 1; attempt < Timings.MaxStepAttempts; attempt++)
        {
            beforeLast = FailOnce(beforeLast, WorkflowSteps.ErpCommit).State;
        }

        var decision = FailOnce(beforeLast, WorkflowSteps.ErpCommit, "ERP down");

        var order = decision.State;
        Assert.Equal(OrderStatus.OnHold, order.Status);
        Assert.Equal(OrderStatus.Accepted, order.HeldFrom);
        var exception = OpenException(order);
        Assert.Equal(OrderExceptionTypes.ErpUnavailable, exception.Type);
        Assert.Equal(OrderSteps.ErpCommit, exception.Step);
        Assert.Equal(Timings.MaxStepAttempts, exception.Attempts);
        Assert.Equal("ERP down", exception.LastError);
        Assert.Equal(exception, decision.Effects.File);
        Assert.Null(order.NextAttemptAt);
        Assert.Null(OrderWorkflow.PendingStep(order));
        Assert.Equal(OrderStatus.Accepted, order.Timeline[^1].From);
        Assert.Equal(OrderStatus.OnHold, order.Timeline[^1].Status);
    }

    [Fact]
    public void StepFinished_LastAllowedWarehouseAttemptFails_HoldsWithWarehouseUnavailable()
    {
        var order = WarehouseHeld();

        Assert.Equal(OrderStatus.OnHold, order.Status);
        Assert.Equal(OrderStatus.ErpCommitted, order.HeldFrom);
        var exception = OpenException(order);
        Assert.Equal(OrderExceptionTypes.WarehouseUnavailable, exception.Type);
        Assert.Equal(OrderSteps.WarehouseRelease, exception.Step);
        Assert.Equal(Timings.MaxStepAttempts, exception.Attempts);
        Assert.Null(OrderWorkflow.PendingStep(order));
    }

    [Fact]
    public void StepFinished_MaxStepAttemptsFromTimings_IsTheBound()
    {
        var patient = Timings with { MaxStepAttempts = 5 };
        var order = Accepted();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            order = OrderWorkflow.StepFinished(order, new StepRun(WorkflowSteps.ErpCommit, null), StepOutcome.Unavailable("timeout"), patient, DueAt(order)).State;
        }

        Assert.False(order.IsHeld);

        order = OrderWorkflow.StepFinished(order, new StepRun(WorkflowSteps.ErpCommit, null), StepOutcome.Unavailable("timeout"), patient, DueAt(order)).State;

        Assert.True(order.IsHeld);
        Assert.Equal(5, OpenException(order).Attempts);
    }

    [Fact]
    public void StepFinished_ErpRejects_HoldsAtOnceWithErpRejected()
    {
        var decision = Finish(Accepted(), WorkflowSteps.ErpCommit, StepOutcome.Rejected("customer blocked"), FirstStepAt);

        var order = decision.State;
        Assert.Equal(OrderStatus.OnHold, order.Status);
        var exception = OpenException(order);
        Assert.Equal(OrderExceptionTypes.ErpRejected, exception.Type);
        Assert.Equal(OrderSteps.ErpCommit, exception.Step);
        Assert.Equal(1, exception.Attempts);
        Assert.Equal("customer blocked", exception.LastError);
        Assert.Equal(exception, decision.Effects.File);
        Assert.Null(order.NextAttemptAt);
    }

    [Fact]
    public void StepFinished_WarehouseRejects_HoldsAtOnceWithWarehouseRejected()
    {
        var order = Finish(Committed(), WorkflowSteps.WarehouseRelease, StepOutcome.Rejected("unknown ship-to"), FirstStepAt).State;

        Assert.Equal(OrderStatus.OnHold, order.Status);
        Assert.Equal(OrderStatus.ErpCommitted, order.HeldFrom);
        Assert.Equal(OrderExceptionTypes.WarehouseRejected, OpenException(order).Type);
        Assert.Equal("unknown ship-to", OpenException(order).LastError);
    }

    [Fact]
    public void StepFinished_RejectionAfterTransientFailures_CountsEveryAttempt()
    {
        var order = FailOnce(Accepted(), WorkflowSteps.ErpCommit).State;

        order = Finish(order, WorkflowSteps.ErpCommit, StepOutcome.Rejected("credit limit"), DueAt(order)).State;

        Assert.Equal(OrderExceptionTypes.ErpRejected, OpenException(order).Type);
        Assert.Equal(2, OpenException(order).Attempts);
    }

    [Fact]
    public void StepFinished_SuccessAfterFailures_NextStepGetsItsOwnAttempts()
    {
        var order = Accepted();
        for (var attempt = 1; attempt < Timings.MaxStepAttempts; attempt++)
        {
            order = FailOnce(order, WorkflowSteps.ErpCommit).State;
        }

        order = Succeed(order, WorkflowSteps.ErpCommit, "ERP-1").State;

        Assert.Equal(0, order.StepAttempts);
        Assert.Null(order.LastStepError);

        order = FailOnce(order, WorkflowSteps.WarehouseRelease).State;

        Assert.Equal(1, order.StepAttempts);
        Assert.False(order.IsHeld);
    }

    [Fact]
    public void StepFinished_StepsInOneOrder_NumberTheirExceptions()
    {
        var held = ErpHeld();
        var committed = Resolve(held, ExceptionAction.Skip, T0.AddMinutes(10)).State;

        var heldAgain = FailUntilHeld(committed, WorkflowSteps.WarehouseRelease);

        Assert.Equal(ExceptionIds.For(OrderId, 1), held.Exception?.ExceptionId);
        Assert.Equal(ExceptionIds.For(OrderId, 2), heldAgain.Exception?.ExceptionId);
    }

    [Fact]
    public void WorkflowSteps_Table_ReadsAsTheDocumentedWorkflow()
    {
        // Forward steps go Accepted → ErpCommitted → ReleasedToWarehouse, each through an allowed transition,
        // and each is undone on cancellation by a step that exists.
        Assert.Equal([WorkflowSteps.ErpCommit, WorkflowSteps.WarehouseRelease], WorkflowSteps.Forward);
        foreach (var step in WorkflowSteps.Forward)
        {
            Assert.True(OrderTransitions.CanMove(step.From, step.To));
            Assert.True(OrderTransitions.CanMove(OrderStatus.OnHold, step.From));
            Assert.Same(step, WorkflowSteps.ByName(step.Name));
            Assert.NotNull(WorkflowSteps.ByName(step.CompensatedBy!));
            Assert.Same(step, WorkflowSteps.ForwardFrom(step.From));
        }
    }

    [Fact]
    public void WorkflowTimings_Defaults_MatchTheDocumentedBounds()
    {
        // README: 5 attempts 2 s apart, ERP commit within 15 min, shipment within 48 h, keys kept 7 days.
        var defaults = new WorkflowTimings();

        Assert.Equal(5, defaults.MaxStepAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), defaults.StepRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(15), defaults.ErpCommitWithin);
        Assert.Equal(TimeSpan.FromHours(48), defaults.ShipWithin);
        Assert.Equal(TimeSpan.FromDays(7), defaults.IdempotencyRetention);
    }
}
