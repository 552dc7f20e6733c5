using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders;
using OrleansDistribution.Domain.Orders.Workflow;
using OrleansDistribution.Domain.Pricing;

namespace OrleansDistribution.Domain.Tests.Orders.Workflow;

/// <summary>
/// One order walked through the workflow by the decider itself, on a clock of fixed values. Timings differ
/// from the defaults and from each other, so a rule that used the wrong one shows.
/// </summary>
internal static class Scenario
{
    public const string OrderId = "ord_1";
    public const string SubmitCorrelation = "corr-submit";
    public const string CommandCorrelation = "corr-ops";
    public const string Actor = "ops-anna";

    /// <summary>When the order is captured.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly WorkflowTimings Timings = new()
    {
        FirstStepDelay = TimeSpan.FromSeconds(1),
        StepRetryDelay = TimeSpan.FromSeconds(30),
        MaxStepRetryDelay = TimeSpan.FromMinutes(4),
        WarehouseReleaseWithin = TimeSpan.FromMinutes(20),
        ErpCommitWithin = TimeSpan.FromMinutes(15),
        ShipWithin = TimeSpan.FromHours(48),
        ResumeAfter = TimeSpan.FromMinutes(2),
        IdempotencyRetention = TimeSpan.FromDays(7),
    };

    public static readonly ShipmentEvent ShippedEvent = new(ShipmentMilestone.Shipped, "DHL", "TRK-1");

    public static readonly ShipmentEvent DeliveredEvent = new(ShipmentMilestone.Delivered, "DHL", "TRK-1");

    /// <summary>SKU-A is on two lines: the order holds 3 of it.</summary>
    public static OrderSubmission Submission { get; } = new(
        "partner-1", "PO-77", "cust-9",
        [new OrderLineRequest("SKU-A", 2), new OrderLineRequest("SKU-B", 1), new OrderLineRequest("SKU-A", 1)],
        "key-1", "fingerprint-1", 0);

    public static PricingResult Pricing { get; } = new(
        "v3", "EUR", [new PricedOrderLine("SKU-A", 2, 10m), new PricedOrderLine("SKU-B", 1, 25m), new PricedOrderLine("SKU-A", 1, 10m)], 55m, []);

    public static IReadOnlyDictionary<string, int> Quantities { get; } =
        new Dictionary<string, int>(StringComparer.Ordinal) { ["SKU-A"] = 3, ["SKU-B"] = 1 };

    /// <summary>When the ERP commit of an accepted order is first due.</summary>
    public static DateTimeOffset FirstStepAt => T0 + Timings.FirstStepDelay;

    /// <summary>When a released order ships in these scenarios.</summary>
    public static DateTimeOffset ShipAt => T0 + TimeSpan.FromHours(5);

    public static OrderCapture Capture(params string[] shortSkus) =>
        new(OrderId, Submission, Pricing, Quantities, shortSkus, SubmitCorrelation, "00-trace-01");

    public static OrderDecision Accept() => OrderWorkflow.Capture(Capture(), Timings, T0);

    public static OrderRecord Accepted() => Accept().State;

    /// <summary>Captured on hold: SKU-B was short.</summary>
    public static OrderRecord StockConstrained() => OrderWorkflow.Capture(Capture("SKU-B"), Timings, T0).State;

    /// <summary>Captured backordered: 2 of SKU-A's 3 units wait for stock, the rest is reserved.</summary>
    public static OrderRecord Backordered() =>
        OrderWorkflow.Capture(Capture() with { Backordered = new Dictionary<string, int>(StringComparer.Ordinal) { ["SKU-A"] = 2 } }, Timings, T0).State;

    /// <summary>Committed in the ERP as ERP-1 when the first step was due.</summary>
    public static OrderRecord Committed() => Succeed(Accepted(), WorkflowSteps.ErpCommit, "ERP-1").State;

    /// <summary>Released to the warehouse as WMS-1 right after the commit.</summary>
    public static OrderRecord Released() => Succeed(Committed(), WorkflowSteps.WarehouseRelease, "WMS-1").State;

    public static OrderRecord Shipped() => OrderWorkflow.Shipment(Released(), ShippedEvent, "corr-carrier", ShipAt).State;

    public static OrderRecord Delivered() => OrderWorkflow.Shipment(Shipped(), DeliveredEvent, "corr-carrier", ShipAt.AddDays(1)).State;

    /// <summary>Held with ErpUnavailable: every attempt failed, each when it was due.</summary>
    public static OrderRecord ErpHeld() => FailUntilHeld(Accepted(), WorkflowSteps.ErpCommit);

    /// <summary>Held with WarehouseUnavailable after the ERP commit.</summary>
    public static OrderRecord WarehouseHeld() => FailUntilHeld(Committed(), WorkflowSteps.WarehouseRelease);

    /// <summary>Cancelled by the channel before the ERP commit.</summary>
    public static OrderRecord Cancelled() => OrderWorkflow.Cancel(Accepted(), "customer withdrew", "corr-cancel", T0.AddSeconds(1)).State;

    /// <summary>An order brought into <paramref name="status"/> the way the workflow gets there.</summary>
    public static OrderRecord In(OrderStatus status) => status switch
    {
        OrderStatus.Accepted => Accepted(),
        OrderStatus.OnHold => ErpHeld(),
        OrderStatus.ErpCommitted => Committed(),
        OrderStatus.ReleasedToWarehouse => Released(),
        OrderStatus.Shipped => Shipped(),
        OrderStatus.Delivered => Delivered(),
        OrderStatus.Cancelled => Cancelled(),
        OrderStatus.Backordered => Backordered(),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "The workflow never moves an order there."),
    };

    /// <summary>When the order's pending step is due.</summary>
    public static DateTimeOffset DueAt(OrderRecord record) =>
        record.NextAttemptAt ?? throw new InvalidOperationException("No attempt scheduled.");

    public static OrderDecision Finish(OrderRecord record, WorkflowStep step, StepOutcome outcome, DateTimeOffset at, OrderException? replaying = null) =>
        OrderWorkflow.StepFinished(record, new StepRun(step, replaying), outcome, Timings, at);

    /// <summary>The step succeeded when it was due.</summary>
    public static OrderDecision Succeed(OrderRecord record, WorkflowStep step, string reference) =>
        Finish(record, step, StepOutcome.Succeeded(reference), DueAt(record));

    /// <summary>The step failed transiently when it was due.</summary>
    public static OrderDecision FailOnce(OrderRecord record, WorkflowStep step, string error = "timeout") =>
        Finish(record, step, StepOutcome.Unavailable(error), DueAt(record));

    /// <summary>The step fails each time it is due until the order is held (its give-up time passed).</summary>
    public static OrderRecord FailUntilHeld(OrderRecord record, WorkflowStep step) => FailUntilHeldDecision(record, step).State;

    /// <summary>As <see cref="FailUntilHeld"/>, returning the decision that held it.</summary>
    public static OrderDecision FailUntilHeldDecision(OrderRecord record, WorkflowStep step)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var decision = FailOnce(record, step);
            if (decision.State.IsHeld)
            {
                return decision;
            }

            record = decision.State;
        }

        throw new InvalidOperationException("Never held.");
    }

    public static OrderDecision Retry(OrderRecord record, DateTimeOffset at, string? note = null) =>
        OrderWorkflow.Retry(record, OpenException(record).ExceptionId, Actor, note, CommandCorrelation, Timings, at);

    public static OrderDecision Resolve(OrderRecord record, ExceptionAction action, DateTimeOffset at, string? note = null) =>
        OrderWorkflow.Resolve(record, OpenException(record).ExceptionId, action, Actor, note, CommandCorrelation, Timings, at);

    public static OrderException OpenException(OrderRecord record) =>
        record.Exception ?? throw new InvalidOperationException("No open exception.");

    /// <summary>The timeline is one unbroken chain of moves the transition table allows (a note keeps the status).</summary>
    public static void AssertFollowsTransitions(OrderRecord record)
    {
        Assert.NotEmpty(record.Timeline);
        OrderStatus? previous = null;
        foreach (var entry in record.Timeline)
        {
            Assert.Equal(previous, entry.From);
            if (previous is { } from && from != entry.Status)
            {
                Assert.True(OrderTransitions.CanMove(from, entry.Status), $"{from} → {entry.Status} is not in the transition table ({entry.Detail}).");
            }

            previous = entry.Status;
        }

        Assert.Equal(previous, record.Status);
    }
}
