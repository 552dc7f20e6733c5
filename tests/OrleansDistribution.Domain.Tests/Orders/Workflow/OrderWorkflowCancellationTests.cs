using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders;
using OrleansDistribution.Domain.Orders.Workflow;
using static OrleansDistribution.Domain.Tests.Orders.Workflow.Scenario;

namespace OrleansDistribution.Domain.Tests.Orders.Workflow;

public sealed class OrderWorkflowCancellationTests
{
    private static readonly DateTimeOffset CancelAt = T0.AddHours(1);

    [Fact]
    public void Cancel_BeforeTheErpCommit_IsCancelledAndGivesTheReservationsBack()
    {
        var decision = Cancel(Accepted());

        var order = decision.State;
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Empty(order.Reservations);
        Assert.Equal(Quantities, order.PendingRelease);
        Assert.Empty(order.PendingDeduct);
        Assert.Null(decision.Effects.RunNow);
        Assert.Null(order.SlaStep);
        Assert.Null(OrderWorkflow.PendingStep(order));
        var entry = Assert.Single(decision.Effects.Announce);
        Assert.Equal(OrderStatus.Accepted, entry.From);
        Assert.Equal(OrderStatus.Cancelled, entry.Status);
        Assert.Equal("corr-cancel", entry.CorrelationId);
        Assert.Contains("customer withdrew", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_AfterTheErpCommit_CompensatesInTheErp()
    {
        var decision = Cancel(Committed());

        Assert.Equal(new StepRun(WorkflowSteps.ErpCancel, null), decision.Effects.RunNow);
        Assert.Equal(OrderStatus.ErpCommitted, decision.State.Status);
        Assert.Equal(Quantities, decision.State.Reservations);
        Assert.Empty(decision.State.PendingRelease);
    }

    [Fact]
    public void Cancel_AfterTheRelease_CompensatesTheWarehouseFirst()
    {
        var decision = Cancel(Released());

        var order = decision.State;
        Assert.Equal(new StepRun(WorkflowSteps.WarehouseCancel, null), decision.Effects.RunNow);
        Assert.Equal(OrderStatus.ReleasedToWarehouse, order.Status);
        Assert.Equal("customer withdrew", order.CancelReason);
        Assert.Null(order.SlaStep);
        Assert.Null(order.SlaDeadline);
        Assert.Equal(Quantities, order.Reservations);
    }

    [Fact]
    public void StepFinished_WarehouseCancelled_CompensatesTheErpNext()
    {
        var cancelling = Cancel(Released()).State;

        var decision = Finish(cancelling, WorkflowSteps.WarehouseCancel, StepOutcome.Succeeded("cancelled"), CancelAt);

        Assert.True(decision.State.WarehouseCancelled);
        Assert.False(decision.State.ErpCancelled);
        Assert.Equal(new StepRun(WorkflowSteps.ErpCancel, null), decision.Effects.RunNow);
        Assert.Equal(OrderStatus.ReleasedToWarehouse, decision.State.Status);
    }

    [Fact]
    public void StepFinished_LastCompensationDone_FinishesTheCancellation()
    {
        var cancelling = Cancel(Released()).State;
        var warehouseDone = Finish(cancelling, WorkflowSteps.WarehouseCancel, StepOutcome.Succeeded("cancelled"), CancelAt).State;

        var decision = Finish(warehouseDone, WorkflowSteps.ErpCancel, StepOutcome.Succeeded("cancelled"), CancelAt);

        var order = decision.State;
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.True(order.ErpCancelled);
        Assert.Null(decision.Effects.RunNow);
        Assert.Empty(order.Reservations);
        Assert.Equal(Quantities, order.PendingRelease);
        Assert.Equal(OrderStatus.ReleasedToWarehouse, order.Timeline[^1].From);
        AssertFollowsTransitions(order);
    }

    [Theory]
    [InlineData(StepOutcomeKind.Unavailable)]
    [InlineData(StepOutcomeKind.Rejected)]
    public void StepFinished_CompensationFailed_HoldsWithCompensationFailedAndKeepsTheStock(StepOutcomeKind kind)
    {
        var cancelling = Cancel(Released()).State;

        var decision = Finish(cancelling, WorkflowSteps.WarehouseCancel, new StepOutcome(kind, "already picked"), CancelAt);

        var order = decision.State;
        Assert.Equal(OrderStatus.OnHold, order.Status);
        Assert.Equal(OrderStatus.ReleasedToWarehouse, order.HeldFrom);
        var exception = OpenException(order);
        Assert.Equal(OrderExceptionTypes.CompensationFailed, exception.Type);
        Assert.Equal(OrderSteps.WarehouseCancel, exception.Step);
        Assert.Equal(1, exception.Attempts);
        Assert.Contains("already picked", exception.LastError, StringComparison.Ordinal);
        Assert.Contains("customer withdrew", exception.LastError, StringComparison.Ordinal);
        Assert.Equal(exception, decision.Effects.File);
        Assert.Null(decision.Effects.RunNow);
        Assert.Equal(Quantities, order.Reservations);
        Assert.Empty(order.PendingRelease);
        Assert.Null(OrderWorkflow.PendingStep(order));
    }

    [Fact]
    public void Retry_CompensationFailed_RunsTheCompensationAgain()
    {
        var held = Finish(Cancel(Released()).State, WorkflowSteps.WarehouseCancel, StepOutcome.Unavailable("timeout"), CancelAt).State;
        var open = OpenException(held);

        var decision = Retry(held, CancelAt.AddMinutes(5));

        Assert.Equal(new StepRun(WorkflowSteps.WarehouseCancel, open), decision.Effects.RunNow);
        Assert.Null(decision.State.Exception);
    }

    [Fact]
    public void StepFinished_CompensationFailsAgainOnRetry_CountsUnderTheSameException()
    {
        var held = Finish(Cancel(Released()).State, WorkflowSteps.WarehouseCancel, StepOutcome.Unavailable("timeout"), CancelAt).State;
        var open = OpenException(held);
        var retried = Retry(held, CancelAt.AddMinutes(5)).State;

        var decision = Finish(retried, WorkflowSteps.WarehouseCancel, StepOutcome.Unavailable("timeout"), CancelAt.AddMinutes(5), open);

        var again = OpenException(decision.State);
        Assert.Equal(open.ExceptionId, again.ExceptionId);
        Assert.Equal(2, again.Attempts);
        Assert.Equal(OrderStatus.OnHold, decision.State.Status);
    }

    [Fact]
    public void Retry_ErpCompensationFailedAfterTheWarehouseCancelled_DoesNotCancelTheWarehouseTwice()
    {
        var cancelling = Cancel(Released()).State;
        var warehouseDone = Finish(cancelling, WorkflowSteps.WarehouseCancel, StepOutcome.Succeeded("cancelled"), CancelAt).State;
        var held = Finish(warehouseDone, WorkflowSteps.ErpCancel, StepOutcome.Unavailable("timeout"), CancelAt).State;
        Assert.Equal(OrderSteps.ErpCancel, OpenException(held).Step);

        var decision = Retry(held, CancelAt.AddMinutes(5));

        Assert.Equal(WorkflowSteps.ErpCancel, decision.Effects.RunNow?.Step);
    }

    [Fact]
    public void StepFinished_CompensationSucceedsOnRetry_FinishesTheCancellation()
    {
        var held = Finish(Cancel(Committed()).State, WorkflowSteps.ErpCancel, StepOutcome.Unavailable("timeout"), CancelAt).State;
        var open = OpenException(held);
        var retried = Retry(held, CancelAt.AddMinutes(5)).State;

        var decision = Finish(retried, WorkflowSteps.ErpCancel, StepOutcome.Succeeded("cancelled"), CancelAt.AddMinutes(5), open);

        Assert.Equal(OrderStatus.Cancelled, decision.State.Status);
        Assert.Equal(Quantities, decision.State.PendingRelease);
        Assert.Null(decision.State.Exception);
        AssertFollowsTransitions(decision.State);
    }

    [Fact]
    public void Resolve_CancelOnCompensationFailed_RunsTheCompensationAgain()
    {
        var held = Finish(Cancel(Released()).State, WorkflowSteps.WarehouseCancel, StepOutcome.Unavailable("timeout"), CancelAt).State;

        var decision = Resolve(held, ExceptionAction.Cancel, CancelAt.AddMinutes(5));

        Assert.Equal(WorkflowSteps.WarehouseCancel, decision.Effects.RunNow?.Step);
    }

    [Fact]
    public void Resolve_SkipCompensation_FinishesTheCancellationByHand()
    {
        var held = Finish(Cancel(Released()).State, WorkflowSteps.WarehouseCancel, StepOutcome.Unavailable("timeout"), CancelAt).State;
        var open = OpenException(held);

        var decision = Resolve(held, ExceptionAction.Skip, CancelAt.AddMinutes(5), "cancelled by phone");

        var order = decision.State;
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Null(order.Exception);
        Assert.Equal([open], decision.Effects.Withdraw);
        Assert.Null(decision.Effects.RunNow);
        Assert.Equal(Quantities, order.PendingRelease);
        Assert.Empty(order.Reservations);
        AssertFollowsTransitions(order);
    }

    [Fact]
    public void PendingStep_CancelPersistedButCompensationNeverReported_IsTheCompensation()
    {
        // The silo died after the cancel was persisted and before the compensation's result was: the record
        // alone must say what is left to do, or the order stays released with its stock reserved for good.
        var interrupted = Cancel(Released()).State;

        Assert.Equal(WorkflowSteps.WarehouseCancel, OrderWorkflow.PendingStep(interrupted));
        Assert.Equal(CancelAt + Timings.ResumeAfter, OrderWorkflow.WakeAt(interrupted, Timings, CancelAt));
        Assert.NotNull(OrderWorkflow.NextDue(interrupted));
    }

    [Fact]
    public void PendingStep_InterruptedAfterTheWarehouseCancelled_IsTheErpCompensation()
    {
        var cancelling = Cancel(Released()).State;

        var warehouseDone = Finish(cancelling, WorkflowSteps.WarehouseCancel, StepOutcome.Succeeded("cancelled"), CancelAt).State;

        Assert.Equal(WorkflowSteps.ErpCancel, OrderWorkflow.PendingStep(warehouseDone));
    }

    [Fact]
    public void PendingStep_CompensationRetryInterrupted_IsTheCompensation()
    {
        var held = Finish(Cancel(Released()).State, WorkflowSteps.WarehouseCancel, StepOutcome.Unavailable("timeout"), CancelAt).State;

        var retried = Retry(held, CancelAt.AddMinutes(5)).State;

        Assert.Equal(WorkflowSteps.WarehouseCancel, OrderWorkflow.PendingStep(retried));
        Assert.NotNull(OrderWorkflow.WakeAt(retried, Timings, CancelAt.AddMinutes(5)));
    }

    [Fact]
    public void StepFinished_InterruptedCancellationResumedByTheOrder_FinishesIt()
    {
        var order = Cancel(Released()).State;
        var resumedAt = CancelAt + Timings.ResumeAfter;

        while (OrderWorkflow.PendingStep(order) is { } step)
        {
            order = Finish(order, step, StepOutcome.Succeeded("cancelled"), resumedAt).State;
        }

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.True(order.WarehouseCancelled);
        Assert.True(order.ErpCancelled);
        Assert.Equal(Quantities, order.PendingRelease);
        AssertFollowsTransitions(order);
    }

    [Fact]
    public void PendingStep_ShippedWhileTheCancellationWasInterrupted_IsNone()
    {
        // The warehouse shipped before it heard of the cancel: nothing is left to compensate.
        var interrupted = Cancel(Released()).State;

        var shipped = OrderWorkflow.Shipment(interrupted, ShippedEvent, "corr-carrier", CancelAt.AddMinutes(1)).State;

        Assert.Null(OrderWorkflow.PendingStep(shipped));
    }

    [Fact]
    public void PendingStep_CompensationSkippedByHand_IsNone()
    {
        var held = Finish(Cancel(Released()).State, WorkflowSteps.WarehouseCancel, StepOutcome.Unavailable("timeout"), CancelAt).State;

        var cancelled = Resolve(held, ExceptionAction.Skip, CancelAt.AddMinutes(5)).State;

        Assert.Null(OrderWorkflow.PendingStep(cancelled));
        Assert.Null(OrderWorkflow.NextDue(cancelled));
    }

    [Fact]
    public void Cancel_HeldOrder_WithdrawsTheException()
    {
        var held = ErpHeld();
        var open = OpenException(held);

        var decision = Cancel(held);

        Assert.Equal(OrderStatus.Cancelled, decision.State.Status);
        Assert.Null(decision.State.Exception);
        Assert.Equal([open], decision.Effects.Withdraw);
        Assert.Null(decision.Effects.File);
    }

    [Fact]
    public void Cancel_WithAnSlaWarningOpen_WithdrawsTheWarning()
    {
        var warned = OrderWorkflow.CheckSla(Released(), Timings, FirstStepAt + Timings.ShipWithin).State;
        var warning = OpenException(warned);

        var decision = OrderWorkflow.Cancel(warned, "late", "corr-cancel", FirstStepAt + Timings.ShipWithin + TimeSpan.FromMinutes(1));

        Assert.Equal([warning], decision.Effects.Withdraw);
        Assert.Null(decision.State.Exception);
        Assert.Equal(WorkflowSteps.WarehouseCancel, decision.Effects.RunNow?.Step);
    }

    [Fact]
    public void Cancel_StockConstrainedOrder_HasNothingToGiveBack()
    {
        var decision = Cancel(StockConstrained());

        Assert.Equal(OrderStatus.Cancelled, decision.State.Status);
        Assert.Empty(decision.State.PendingRelease);
        Assert.False(decision.State.HasPendingStock);
        Assert.Null(decision.Effects.RunNow);
    }

    [Theory]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Delivered)]
    public void Cancel_AfterShipment_IsAConflict(OrderStatus status)
    {
        var order = In(status);

        var refusal = Assert.Throws<RuleViolationException>(() => Cancel(order));

        Assert.Equal(RuleViolationKind.Conflict, refusal.Kind);
        Assert.Equal(RuleCodes.InvalidTransition, refusal.Code);
    }

    [Fact]
    public void Cancel_AlreadyCancelled_IsUnchanged()
    {
        var cancelled = Cancelled();

        var again = OrderWorkflow.Cancel(cancelled, "again", "corr-again", CancelAt);

        Assert.False(again.Changed);
        Assert.Same(cancelled, again.State);
        Assert.Same(OrderEffects.None, again.Effects);
    }

    private static OrderDecision Cancel(OrderRecord record) => OrderWorkflow.Cancel(record, "customer withdrew", "corr-cancel", CancelAt);
}
