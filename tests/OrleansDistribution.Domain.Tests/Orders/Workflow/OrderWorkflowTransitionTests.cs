using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Domain.Orders.Workflow;
using static OrleansDistribution.Domain.Tests.Orders.Workflow.Scenario;

namespace OrleansDistribution.Domain.Tests.Orders.Workflow;

/// <summary>
/// Whole lives of orders, decision after decision: every move goes through the transition table, and every
/// timeline entry a decision adds is announced (the status events a channel sees match the timeline).
/// </summary>
public sealed class OrderWorkflowTransitionTests
{
    private static readonly Dictionary<string, Func<OrderDecision, OrderDecision>[]> Lives = new(StringComparer.Ordinal)
    {
        ["happy path to delivery"] =
        [
            d => FailOnce(d.State, WorkflowSteps.ErpCommit),
            d => Succeed(d.State, WorkflowSteps.ErpCommit, "ERP-1"),
            d => Succeed(d.State, WorkflowSteps.WarehouseRelease, "WMS-1"),
            d => OrderWorkflow.CheckSla(d.State, Timings, At(60)),
            d => OrderWorkflow.Shipment(d.State, ShippedEvent, "corr-carrier", At(120)),
            d => OrderWorkflow.StockConfirmed(d.State),
            d => OrderWorkflow.Shipment(d.State, DeliveredEvent, "corr-carrier", At(2000)),
        ],
        ["short, retried short, accepted, cancelled"] =
        [
            d => Retry(d.State, At(5)),
            d => Reserve(d, At(5), "SKU-A"),
            d => Retry(d.State, At(10)),
            d => Reserve(d, At(10)),
            d => OrderWorkflow.Cancel(d.State, "customer withdrew", "corr-cancel", At(11)),
            d => OrderWorkflow.StockConfirmed(d.State),
        ],
        ["erp held, replay rejected, skipped, warehouse held, replayed"] =
        [
            d => FailUntilHeldDecision(d.State, WorkflowSteps.ErpCommit),
            d => Retry(d.State, At(20)),
            d => RunNow(d, StepOutcome.Rejected("blocked"), At(20)),
            d => Resolve(d.State, ExceptionAction.Skip, At(21)),
            d => FailUntilHeldDecision(d.State, WorkflowSteps.WarehouseRelease),
            d => Retry(d.State, At(60)),
            d => RunNow(d, StepOutcome.Succeeded("WMS-2"), At(60)),
            d => OrderWorkflow.Shipment(d.State, ShippedEvent, "corr-carrier", At(100)),
        ],
        ["released, compensation fails twice, finished by hand"] =
        [
            d => Succeed(d.State, WorkflowSteps.ErpCommit, "ERP-1"),
            d => Succeed(d.State, WorkflowSteps.WarehouseRelease, "WMS-1"),
            d => OrderWorkflow.Cancel(d.State, "customer withdrew", "corr-cancel", At(30)),
            d => RunNow(d, StepOutcome.Unavailable("timeout"), At(30)),
            d => Retry(d.State, At(35)),
            d => RunNow(d, StepOutcome.Succeeded("cancelled"), At(35)),
            d => RunNow(d, StepOutcome.Rejected("order locked"), At(35)),
            d => Resolve(d.State, ExceptionAction.Skip, At(40)),
            d => OrderWorkflow.StockConfirmed(d.State),
        ],
        ["sla warnings raised, closed and acknowledged"] =
        [
            d => OrderWorkflow.CheckSla(d.State, Timings, At(15)),
            d => Finish(d.State, WorkflowSteps.ErpCommit, StepOutcome.Succeeded("ERP-1"), At(16)),
            d => Finish(d.State, WorkflowSteps.WarehouseRelease, StepOutcome.Succeeded("WMS-1"), At(16)),
            d => OrderWorkflow.CheckSla(d.State, Timings, At(16 + (48 * 60))),
            d => Resolve(d.State, ExceptionAction.Skip, At(17 + (48 * 60))),
            d => OrderWorkflow.Shipment(d.State, ShippedEvent, "corr-carrier", At(18 + (48 * 60))),
        ],
        ["warehouse held, cancelled by the operator"] =
        [
            d => Succeed(d.State, WorkflowSteps.ErpCommit, "ERP-1"),
            d => Finish(d.State, WorkflowSteps.WarehouseRelease, StepOutcome.Rejected("bad address"), At(1)),
            d => Resolve(d.State, ExceptionAction.Cancel, At(20), "address unknown"),
            d => RunNow(d, StepOutcome.Succeeded("cancelled"), At(20)),
        ],
    };

    public static TheoryData<string> LivesByName => [.. Lives.Keys];

    [Theory]
    [MemberData(nameof(LivesByName))]
    public void Decisions_WholeLifeOfAnOrder_MoveOnlyThroughTheTransitionTable(string life)
    {
        var decision = life.StartsWith("short", StringComparison.Ordinal)
            ? OrderWorkflow.Capture(Capture("SKU-B"), Timings, T0)
            : Accept();

        foreach (var decide in Lives[life])
        {
            var before = decision.State;
            decision = decide(decision);

            Assert.Equal([.. before.Timeline, .. decision.Effects.Announce], decision.State.Timeline);
            AssertFollowsTransitions(decision.State);
        }
    }

    [Theory]
    [MemberData(nameof(LivesByName))]
    public void Decisions_WholeLifeOfAnOrder_EndsWithNothingLeftToDo(string life)
    {
        var decision = life.StartsWith("short", StringComparison.Ordinal)
            ? OrderWorkflow.Capture(Capture("SKU-B"), Timings, T0)
            : Accept();

        foreach (var decide in Lives[life])
        {
            decision = decide(decision);
        }

        var order = decision.State;
        Assert.Null(order.Exception);
        Assert.Null(decision.Effects.RunNow);
        Assert.Null(OrderWorkflow.PendingStep(order));
        Assert.Empty(order.Reservations);
    }

    private static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    private static OrderDecision RunNow(OrderDecision previous, StepOutcome outcome, DateTimeOffset at)
    {
        var run = previous.Effects.RunNow ?? throw new InvalidOperationException("The previous decision ran no step.");
        return OrderWorkflow.StepFinished(previous.State, run, outcome, Timings, at);
    }

    private static OrderDecision Reserve(OrderDecision previous, DateTimeOffset at, params string[] shortSkus)
    {
        var quantities = previous.Effects.ReserveNow ?? throw new InvalidOperationException("The previous decision reserved nothing.");
        return OrderWorkflow.Reserved(previous.State, previous.Effects.ReserveReplaying!, quantities, shortSkus, Timings, at);
    }
}
