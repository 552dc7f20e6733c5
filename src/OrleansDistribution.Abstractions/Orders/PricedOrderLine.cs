namespace OrleansDistribution.Abstractions.Orders;

/// <summary>An order line with the unit price it was accepted at.</summary>
[GenerateSerializer, Immutable]
[Alias("PricedOrderLine")]
public sealed record PricedOrderLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Quantity,
    [property: Id(2)] decimal UnitPrice);
