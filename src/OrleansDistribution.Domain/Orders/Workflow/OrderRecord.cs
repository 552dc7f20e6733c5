using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>
/// Everything the workflow decides on for one order, immutable: the decider returns a new record, the grain
/// persists it. Stock work the order has decided on but the inventory has not yet confirmed
/// (<see cref="PendingRelease"/>, <see cref="PendingDeduct"/>) is part of the record, so a crash between
/// the decision and the inventory call is finished after restart instead of leaking stock.
/// </summary>
public sealed record OrderRecord
{
    /// <summary>The order's ID (its grain key).</summary>
    public required string OrderId { get; init; }

    /// <summary>The partner that submitted it.</summary>
    public required string PartnerId { get; init; }

    /// <summary>The channel's own reference.</summary>
    public string ChannelOrderRef { get; init; } = "";

    /// <summary>The partner's customer.</summary>
    public string CustomerId { get; init; } = "";

    /// <summary>Current status.</summary>
    public OrderStatus Status { get; init; }

    /// <summary>Contract version the order was priced with.</summary>
    public string PriceListVersion { get; init; } = "";

    /// <summary>Currency of the prices.</summary>
    public string Currency { get; init; } = "";

    /// <summary>Order total.</summary>
    public decimal Total { get; init; }

    /// <summary>Priced lines.</summary>
    public IReadOnlyList<PricedOrderLine> Lines { get; init; } = [];

    /// <summary>History, oldest first.</summary>
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>The open exception, if any (a hold, or an SLA warning).</summary>
    public OrderException? Exception { get; init; }

    /// <summary>When the order was captured.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Correlation ID of the submission; asynchronous steps it caused carry it.</summary>
    public string CorrelationId { get; init; } = "";

    /// <summary>W3C trace context of the accepting request: later steps continue its trace.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Quantities reserved on the inventory, by SKU.</summary>
    public IReadOnlyDictionary<string, int> Reservations { get; init; } = Stock.None;

    /// <summary>Units waiting for stock, by SKU (a backordered order).</summary>
    public IReadOnlyDictionary<string, int> Backorders { get; init; } = Stock.None;

    /// <summary>Units the SKUs filled of the backorder so far, by SKU (they are in <see cref="Reservations"/>).</summary>
    public IReadOnlyDictionary<string, int> BackorderFills { get; init; } = Stock.None;

    /// <summary>Backorders given up (SKU → units of it acknowledged), not yet confirmed by the inventory.</summary>
    public IReadOnlyDictionary<string, int> PendingBackorderCancel { get; init; } = Stock.None;

    /// <summary>Reservations decided to be given back, not yet confirmed by the inventory.</summary>
    public IReadOnlyDictionary<string, int> PendingRelease { get; init; } = Stock.None;

    /// <summary>Reservations decided to be deducted from on-hand (shipped), not yet confirmed by the inventory.</summary>
    public IReadOnlyDictionary<string, int> PendingDeduct { get; init; } = Stock.None;

    /// <summary>The ERP's reference once committed.</summary>
    public string? ErpReference { get; init; }

    /// <summary>The warehouse's reference once released.</summary>
    public string? WarehouseReference { get; init; }

    /// <summary>Failed attempts of the step now pending.</summary>
    public int StepAttempts { get; init; }

    /// <summary>Last error of the step now pending.</summary>
    public string? LastStepError { get; init; }

    /// <summary>When the pending step is due next (first attempt or retry).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>
    /// When a forward step that keeps failing as unavailable becomes an exception for a person; set at its first
    /// failure (the ERP commit's SLA deadline, or the step's give-up window from then), cleared when it succeeds.
    /// </summary>
    public DateTimeOffset? StepGiveUpAt { get; init; }

    /// <summary>The status the order was in when an exception put it on hold.</summary>
    public OrderStatus? HeldFrom { get; init; }

    /// <summary>How many exceptions this order has raised; numbers its exception IDs.</summary>
    public int ExceptionCount { get; init; }

    /// <summary>Set once a cancellation was requested; compensation may still be pending.</summary>
    public string? CancelReason { get; init; }

    /// <summary>The warehouse release was cancelled.</summary>
    public bool WarehouseCancelled { get; init; }

    /// <summary>The ERP order was cancelled.</summary>
    public bool ErpCancelled { get; init; }

    /// <summary>The key of the SLA clock that runs, if any (see <see cref="WorkflowSlas"/>).</summary>
    public string? SlaStep { get; init; }

    /// <summary>When that SLA runs out.</summary>
    public DateTimeOffset? SlaDeadline { get; init; }

    /// <summary>The channel's Idempotency-Key this order was captured under, if any.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Fingerprint of the first request body: a different body under the same key is refused.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>How many earlier orders used the same key and expired (0 for the first).</summary>
    public int KeyGeneration { get; init; }

    /// <summary>Timeline entries the first response showed (the capture itself).</summary>
    public int CapturedTimelineCount { get; init; }

    /// <summary>The exception the first response showed (a capture on hold), if any.</summary>
    public OrderException? CapturedException { get; init; }

    /// <summary>True when an open exception holds the order (an SLA warning does not).</summary>
    public bool IsHeld => Exception is { } open && !OrderSteps.IsAdvisory(open.Step);

    /// <summary>True when stock work awaits the inventory's confirmation.</summary>
    public bool HasPendingStock => PendingRelease.Count > 0 || PendingDeduct.Count > 0 || PendingBackorderCancel.Count > 0;

    /// <summary>What the order's own record says about its stock on one SKU (the inventory asks when in doubt).</summary>
    public StockHold HoldOn(string sku) =>
        Reservations.TryGetValue(sku, out var held) ? new StockHold(StockHoldKind.Reserved, held, Backorders.GetValueOrDefault(sku))
        : Backorders.TryGetValue(sku, out var waiting) ? new StockHold(StockHoldKind.None, 0, waiting)
        : PendingRelease.TryGetValue(sku, out var releasing) ? new StockHold(StockHoldKind.Releasing, releasing)
        : PendingDeduct.TryGetValue(sku, out var deducting) ? new StockHold(StockHoldKind.Deducting, deducting)
        : StockHold.Nothing;
}
