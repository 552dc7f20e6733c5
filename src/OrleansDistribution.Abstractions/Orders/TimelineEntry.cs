namespace OrleansDistribution.Abstractions.Orders;

/// <summary>One step in an order's history: when, which status it reached, what caused it.</summary>
[GenerateSerializer, Immutable]
[Alias("TimelineEntry")]
public sealed record TimelineEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] OrderStatus? From,
    [property: Id(2)] OrderStatus Status,
    [property: Id(3)] string CorrelationId,
    [property: Id(4)] string Detail);
