namespace OrleansDistribution.Abstractions.Orders;

/// <summary>One requested line of a channel order.</summary>
[GenerateSerializer, Immutable]
[Alias("OrderLineRequest")]
public sealed record OrderLineRequest([property: Id(0)] string Sku, [property: Id(1)] int Quantity);
