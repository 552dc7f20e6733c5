namespace OrleansDistribution.Abstractions.Partners;

/// <summary>A contract price for one SKU.</summary>
[GenerateSerializer, Immutable]
[Alias("PriceListLine")]
public sealed record PriceListLine([property: Id(0)] string Sku, [property: Id(1)] decimal UnitPrice);
