using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Grains.Orders;

/// <summary>Persisted workflow state of one order. Additive changes only: new members get new ids.</summary>
[GenerateSerializer]
[Alias("OrderState.v1")]
public sealed class OrderState
{
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
}
