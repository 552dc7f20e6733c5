namespace OrleansDistribution.Abstractions.Orders;

/// <summary>One page of an order search, and the key to continue after it (null when there is no more).</summary>
[GenerateSerializer, Immutable]
[Alias("OrderSearchPage")]
public sealed record OrderSearchPage([property: Id(0)] IReadOnlyList<OrderSummary> Orders, [property: Id(1)] OrderSearchKey? Next);
