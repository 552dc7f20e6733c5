using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders.Workflow;
using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Orders;

/// <summary>
/// Persisted form of an <see cref="OrderRecord"/>. Additive changes only: new members get new ids. Its wake
/// time is the order's entry in the durable index of pending work (stored beside it, in the same write), and its
/// business keys are its entry in the order index (<see cref="IIndexedOrderState"/>, written in the same transaction).
/// </summary>
[GenerateSerializer]
[Alias("OrderState.v1")]
public sealed class OrderState : IScheduledState, IIndexedOrderState, IFeedingState
{
    [NonSerialized]
    private IReadOnlyList<PartnerFeedAppend>? _feedAppends;

    [Id(0)] public string PartnerId { get; set; } = "";
    [Id(1)] public string ChannelOrderRef { get; set; } = "";
    [Id(2)] public string CustomerId { get; set; } = "";
    [Id(3)] public OrderStatus Status { get; set; }
    [Id(4)] public string PriceListVersion { get; set; } = "";
    [Id(5)] public string Currency { get; set; } = "";
    [Id(6)] public decimal Total { get; set; }
    [Id(7)] public List<PricedOrderLine> Lines { get; set; } = [];
    [Id(8)] public List<TimelineEntry> Timeline { get; set; } = [];
    [Id(9)] public OrderException? Exception { get; set; }
    [Id(10)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Correlation ID of the submission; asynchronous steps it caused carry it.</summary>
    [Id(11)] public string CorrelationId { get; set; } = "";

    /// <summary>Quantities currently reserved, by SKU.</summary>
    [Id(12)] public Dictionary<string, int> Reservations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The ERP's reference once committed.</summary>
    [Id(13)] public string? ErpReference { get; set; }

    /// <summary>The warehouse's reference once released.</summary>
    [Id(14)] public string? WarehouseReference { get; set; }

    /// <summary>Failed attempts of the step now pending.</summary>
    [Id(15)] public int StepAttempts { get; set; }

    /// <summary>Last error of the step now pending.</summary>
    [Id(16)] public string? LastStepError { get; set; }

    /// <summary>The status the order was in when an exception put it on hold (where a retry resumes).</summary>
    [Id(17)] public OrderStatus? HeldFrom { get; set; }

    /// <summary>How many exceptions this order has raised; numbers its exception IDs.</summary>
    [Id(18)] public int ExceptionCount { get; set; }

    /// <summary>Set once a cancellation was requested; compensation may still be pending.</summary>
    [Id(19)] public string? CancelReason { get; set; }

    /// <summary>The warehouse release was cancelled (compensation done for that step).</summary>
    [Id(20)] public bool WarehouseCancelled { get; set; }

    /// <summary>The ERP order was cancelled (compensation done for that step).</summary>
    [Id(21)] public bool ErpCancelled { get; set; }

    /// <summary>The step whose SLA clock runs, if any.</summary>
    [Id(22)] public string? SlaStep { get; set; }

    /// <summary>When that step is overdue.</summary>
    [Id(23)] public DateTimeOffset? SlaDeadline { get; set; }

    /// <summary>W3C trace context of the accepting request: later steps continue its trace.</summary>
    [Id(24)] public string? TraceParent { get; set; }

    /// <summary>Reservations decided to be given back, not yet confirmed by the inventory.</summary>
    [Id(25)] public Dictionary<string, int>? PendingRelease { get; set; }

    /// <summary>Reservations decided to be deducted from on-hand, not yet confirmed by the inventory.</summary>
    [Id(26)] public Dictionary<string, int>? PendingDeduct { get; set; }

    /// <summary>When the pending step is due next.</summary>
    [Id(27)] public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>When the failing pending step becomes an exception for a person.</summary>
    [Id(34)] public DateTimeOffset? StepGiveUpAt { get; set; }

    /// <summary>The Idempotency-Key the order was captured under.</summary>
    [Id(28)] public string? IdempotencyKey { get; set; }

    /// <summary>Fingerprint of the first request body.</summary>
    [Id(29)] public string? Fingerprint { get; set; }

    /// <summary>Generation of the key (earlier orders under it expired).</summary>
    [Id(30)] public int KeyGeneration { get; set; }

    /// <summary>Timeline entries the first response showed.</summary>
    [Id(31)] public int CapturedTimelineCount { get; set; }

    /// <summary>The exception the first response showed.</summary>
    [Id(32)] public OrderException? CapturedException { get; set; }

    /// <summary>When the sweeper must wake the order (see <see cref="OrderWorkflow.WakeAt"/>).</summary>
    [Id(33)] public DateTimeOffset? WakeAt { get; set; }

    /// <summary>Units waiting for stock, by SKU (a backordered order).</summary>
    [Id(35)] public Dictionary<string, int>? Backorders { get; set; }

    /// <summary>Units the SKUs filled of the backorder so far, by SKU.</summary>
    [Id(36)] public Dictionary<string, int>? BackorderFills { get; set; }

    /// <summary>Backorders given up, not yet confirmed by the inventory (SKU → units acknowledged).</summary>
    [Id(37)] public Dictionary<string, int>? PendingBackorderCancel { get; set; }

    /// <inheritdoc />
    public DateTimeOffset? ExpiresAt => null;

    /// <inheritdoc />
    public OrderIndexEntry OrderIndexEntry => new(PartnerId, ChannelOrderRef, CustomerId, Status, CreatedAt, Total, Currency);

    /// <inheritdoc />
    /// <remarks>Not part of the stored state: set by the grain for one write.</remarks>
    public IReadOnlyList<PartnerFeedAppend>? FeedAppends { get => _feedAppends; set => _feedAppends = value; }

    /// <summary>The record the workflow decides on.</summary>
    public OrderRecord ToRecord(string orderId) => new()
    {
        OrderId = orderId,
        PartnerId = PartnerId,
        ChannelOrderRef = ChannelOrderRef,
        CustomerId = CustomerId,
        Status = Status,
        PriceListVersion = PriceListVersion,
        Currency = Currency,
        Total = Total,
        Lines = Lines,
        Timeline = Timeline,
        Exception = Exception,
        CreatedAt = CreatedAt,
        CorrelationId = CorrelationId,
        TraceParent = TraceParent,
        Reservations = Reservations,
        PendingRelease = PendingRelease ?? Stock.None,
        PendingDeduct = PendingDeduct ?? Stock.None,
        Backorders = Backorders ?? Stock.None,
        BackorderFills = BackorderFills ?? Stock.None,
        PendingBackorderCancel = PendingBackorderCancel ?? Stock.None,
        ErpReference = ErpReference,
        WarehouseReference = WarehouseReference,
        StepAttempts = StepAttempts,
        LastStepError = LastStepError,
        NextAttemptAt = NextAttemptAt,
        StepGiveUpAt = StepGiveUpAt,
        HeldFrom = HeldFrom,
        ExceptionCount = ExceptionCount,
        CancelReason = CancelReason,
        WarehouseCancelled = WarehouseCancelled,
        ErpCancelled = ErpCancelled,
        SlaStep = SlaStep,
        SlaDeadline = SlaDeadline,
        IdempotencyKey = IdempotencyKey,
        Fingerprint = Fingerprint,
        KeyGeneration = KeyGeneration,
        CapturedTimelineCount = CapturedTimelineCount,
        CapturedException = CapturedException,
    };

    /// <summary>The state to persist for a record.</summary>
    public static OrderState From(OrderRecord record, DateTimeOffset? wakeAt) => new()
    {
        PartnerId = record.PartnerId,
        ChannelOrderRef = record.ChannelOrderRef,
        CustomerId = record.CustomerId,
        Status = record.Status,
        PriceListVersion = record.PriceListVersion,
        Currency = record.Currency,
        Total = record.Total,
        Lines = AsList(record.Lines),
        Timeline = AsList(record.Timeline),
        Exception = record.Exception,
        CreatedAt = record.CreatedAt,
        CorrelationId = record.CorrelationId,
        TraceParent = record.TraceParent,
        Reservations = new Dictionary<string, int>(record.Reservations, StringComparer.Ordinal),
        PendingRelease = record.PendingRelease.Count == 0 ? null : new Dictionary<string, int>(record.PendingRelease, StringComparer.Ordinal),
        PendingDeduct = record.PendingDeduct.Count == 0 ? null : new Dictionary<string, int>(record.PendingDeduct, StringComparer.Ordinal),
        Backorders = record.Backorders.Count == 0 ? null : new Dictionary<string, int>(record.Backorders, StringComparer.Ordinal),
        BackorderFills = record.BackorderFills.Count == 0 ? null : new Dictionary<string, int>(record.BackorderFills, StringComparer.Ordinal),
        PendingBackorderCancel = record.PendingBackorderCancel.Count == 0 ? null : new Dictionary<string, int>(record.PendingBackorderCancel, StringComparer.Ordinal),
        ErpReference = record.ErpReference,
        WarehouseReference = record.WarehouseReference,
        StepAttempts = record.StepAttempts,
        LastStepError = record.LastStepError,
        NextAttemptAt = record.NextAttemptAt,
        StepGiveUpAt = record.StepGiveUpAt,
        HeldFrom = record.HeldFrom,
        ExceptionCount = record.ExceptionCount,
        CancelReason = record.CancelReason,
        WarehouseCancelled = record.WarehouseCancelled,
        ErpCancelled = record.ErpCancelled,
        SlaStep = record.SlaStep,
        SlaDeadline = record.SlaDeadline,
        IdempotencyKey = record.IdempotencyKey,
        Fingerprint = record.Fingerprint,
        KeyGeneration = record.KeyGeneration,
        CapturedTimelineCount = record.CapturedTimelineCount,
        CapturedException = record.CapturedException,
        WakeAt = wakeAt,
    };

    private static List<T> AsList<T>(IReadOnlyList<T> items) => items as List<T> ?? [.. items];
}
