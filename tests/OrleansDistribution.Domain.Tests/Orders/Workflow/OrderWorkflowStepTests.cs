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
    public void StepFinished_TransientFailure_SchedulesARetryWithinTheFirstBackoff()
    {
        var decision = FailOnce(Accepted(), WorkflowSteps.ErpCommit, "connection refused");

        var order = decision.State;
        Assert.True(decision.Changed);
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal(1, order.StepAttempts);
        Assert.Equal("connection refused", order.LastStepError);
        Assert.Equal(FirstStepAt + StepBackoff.After(1, OrderId, Timings), order.NextAttemptAt);
        AssertWithin(order.NextAttemptAt!.Value - FirstStepAt, Timings.StepRetryDelay / 2, Timings.StepRetryDelay);
        Assert.Equal(WorkflowSteps.ErpCommit, OrderWorkflow.PendingStep(order));
        Assert.Null(order.Exception);
        Assert.Null(decision.Effects.File);
        Assert.Empty(decision.Effects.Announce);
    }

    [Fact]
    public void StepFinished_RepeatedFailures_BackOffExponentiallyUpToTheCap_WithoutHolding()
    {
        var order = Accepted();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var failedAt = DueAt(order);
            order = FailOnce(order, WorkflowSteps.ErpCommit).State;

            Assert.Equal(attempt, order.StepAttempts);
            var ceiling = TimeSpan.FromTicks(Math.Min(Timings.StepRetryDelay.Ticks << (attempt - 1), Timings.MaxStepRetryDelay.Ticks));
            AssertWithin(order.NextAttemptAt!.Value - failedAt, ceiling / 2, ceiling);
        }

        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.False(order.IsHeld);
    }

    [Fact]
    public void StepBackoff_OrdersThatFailedTogether_ComeBackAtDifferentTimes()
    {
        var delays = Enumerable.Range(0, 50).Select(i => StepBackoff.After(3, $"ord_{i}", Timings)).Distinct().Count();

        Assert.True(delays > 40, $"only {delays} distinct delays for 50 orders");
    }

    [Fact]
    public void StepFinished_ErpFailingUntilItsSla_HoldsWithErpUnavailable_NotBefore()
    {
        var order = Accepted();
        while (true)
        {
            var next = FailOnce(order, WorkflowSteps.ErpCommit, "ERP down");
            if (next.State.IsHeld)
            {
                Assert.True(DueAt(order) >= T0 + Timings.ErpCommitWithin, $"held at {DueAt(order)}, before the SLA");
                var held = next.State;
                Assert.Equal(OrderStatus.Accepted, held.HeldFrom);
                var exception = OpenException(held);
                Assert.Equal(OrderExceptionTypes.ErpUnavailable, exception.Type);
                Assert.Equal(OrderSteps.ErpCommit, exception.Step);
                Assert.Equal(order.StepAttempts + 1, exception.Attempts);
                Assert.Equal("ERP down", exception.LastError);
                Assert.Equal(exception, next.Effects.File);
                Assert.Null(held.NextAttemptAt);
                Assert.Null(OrderWorkflow.PendingStep(held));
                Assert.Equal(OrderStatus.OnHold, held.Timeline[^1].Status);
                return;
            }

            Assert.True(DueAt(order) < T0 + Timings.ErpCommitWithin);
            order = next.State;
        }
    }

    [Fact]
    public void StepFinished_WarehouseFailingPastItsWindow_HoldsWithWarehouseUnavailable()
    {
        var committed = Committed();
        var firstFailure = DueAt(committed);

        var order = WarehouseHeld();

        Assert.Equal(OrderStatus.OnHold, order.Status);
        Assert.Equal(OrderStatus.ErpCommitted, order.HeldFrom);
        var exception = OpenException(order);
        Assert.Equal(OrderExceptionTypes.WarehouseUnavailable, exception.Type);
        Assert.Equal(OrderSteps.WarehouseRelease, exception.Step);
        Assert.True(exception.RaisedAt >= firstFailure + Timings.WarehouseReleaseWithin);
        Assert.True(exception.RaisedAt <= firstFailure + Timings.WarehouseReleaseWithin + Timings.MaxStepRetryDelay);
        Assert.Null(OrderWorkflow.PendingStep(order));
    }

    [Fact]
    public void StepFinished_GiveUpWindowFromTimings_IsTheBound()
    {
        var impatient = Timings with { WarehouseReleaseWithin = TimeSpan.FromMinutes(1) };
        var order = Committed();
        var firstFailure = DueAt(order);
        while (!order.IsHeld)
        {
            order = OrderWorkflow.StepFinished(order, new StepRun(WorkflowSteps.WarehouseRelease, null), StepOutcome.Unavailable("timeout"), impatient, DueAt(order)).State;
        }

        var raisedAt = OpenException(order).RaisedAt;
        Assert.InRange(raisedAt, firstFailure + TimeSpan.FromMinutes(1), firstFailure + TimeSpan.FromMinutes(1) + impatient.MaxStepRetryDelay);
    }

    [Fact]
    public void StepFinished_Deferred_WaitsWithoutUsingAnAttempt()
    {
        var failed = FailOnce(Accepted(), WorkflowSteps.ErpCommit).State;

        var decision = Finish(failed, WorkflowSteps.ErpCommit, StepOutcome.Deferred("erp circuit is open"), DueAt(failed));

        var order = decision.State;
        Assert.Equal(1, order.StepAttempts);
        Assert.Equal("erp circuit is open", order.LastStepError);
        Assert.True(order.NextAttemptAt > DueAt(failed));
        Assert.False(order.IsHeld);
        Assert.Null(decision.Effects.File);
    }

    [Fact]
    public void StepFinished_DeferredForHours_StillHeldOnlyAtTheSla_Once()
    {
        var order = Accepted();
        var holds = 0;
        while (!order.IsHeld)
        {
            var decision = Finish(order, WorkflowSteps.ErpCommit, StepOutcome.Deferred("erp circuit is open"), DueAt(order));
            holds += decision.Effects.File is null ? 0 : 1;
            Assert.True(decision.State.IsHeld || DueAt(order) < T0 + Timings.ErpCommitWithin);
            order = decision.State;
        }

        Assert.Equal(1, holds);
        Assert.Equal(OrderExceptionTypes.ErpUnavailable, OpenException(order).Type);
        Assert.Equal(1, OpenException(order).Attempts);
    }

    [Fact]
    public void StepFinished_ReplayMeetsAnUnavailableErp_WaitsForItInsteadOfHoldingAgain()
    {
        var held = ErpHeld();
        var exception = OpenException(held);
        var replay = Retry(held, T0.AddHours(1));
        var run = replay.Effects.RunNow!;

        var decision = Finish(replay.State, run.Step, StepOutcome.Deferred("erp circuit is open"), T0.AddHours(1), run.Replaying);

        var order = decision.State;
        Assert.False(order.IsHeld);
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal(WorkflowSteps.ErpCommit, OrderWorkflow.PendingStep(order));
        Assert.Contains(exception, decision.Effects.Withdraw);
        Assert.Null(decision.Effects.File);
        Assert.True(order.NextAttemptAt > T0.AddHours(1));

        // It recovers: the commit goes through on the next try, nothing left in any queue.
        var done = Succeed(order, WorkflowSteps.ErpCommit, "ERP-1");
        Assert.Equal(OrderStatus.ErpCommitted, done.State.Status);
        Assert.Null(done.State.Exception);
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
        for (var attempt = 1; attempt < 4; attempt++)
        {
            order = FailOnce(order, WorkflowSteps.ErpCommit).State;
        }

        order = Succeed(order, WorkflowSteps.ErpCommit, "ERP-1").State;
        Assert.Null(order.StepGiveUpAt);

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
        // README: backoff from 2 s doubling up to 30 s, ERP commit within 15 min (the bound of an outage),
        // warehouse release within 15 min of its first failure, shipment within 48 h, keys kept 7 days.
        var defaults = new WorkflowTimings();

        Assert.Equal(TimeSpan.FromSeconds(2), defaults.StepRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), defaults.MaxStepRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(15), defaults.WarehouseReleaseWithin);
        Assert.Equal(TimeSpan.FromMinutes(15), defaults.ErpCommitWithin);
        Assert.Equal(TimeSpan.FromHours(48), defaults.ShipWithin);
        Assert.Equal(TimeSpan.FromDays(7), defaults.IdempotencyRetention);
    }

    private static void AssertWithin(TimeSpan actual, TimeSpan low, TimeSpan high) =>
        Assert.True(actual >= low && actual <= high, $"{actual} not within [{low}, {high}]");
}
