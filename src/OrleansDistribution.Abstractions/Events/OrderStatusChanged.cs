using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Abstractions.Events;

/// <summary>An order moved to a new status (v1).</summary>
[GenerateSerializer, Immutable]
[Alias("OrderStatusChanged.v1")]
public sealed record OrderStatusChanged : DistributionEvent
{
    /// <summary>The order.</summary>
    [Id(0)] public required string OrderId { get; init; }

    /// <summary>The partner that owns the order.</summary>
    [Id(1)] public required string PartnerId { get; init; }

    /// <summary>The status before, if any.</summary>
    [Id(2)] public OrderStatus? From { get; init; }

    /// <summary>The new status.</summary>
    [Id(3)] public required OrderStatus Status { get; init; }

    /// <summary>Why it moved.</summary>
    [Id(4)] public required string Detail { get; init; }

    /// <inheritdoc />
    public override string EventType => "OrderStatusChanged";

    /// <inheritdoc />
    public override int SchemaVersion => 1;
}
