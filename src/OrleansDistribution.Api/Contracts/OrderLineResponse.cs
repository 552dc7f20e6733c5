namespace OrleansDistribution.Api.Contracts;

/// <summary>A priced order line.</summary>
public sealed record OrderLineResponse(string Sku, int Quantity, decimal UnitPrice);
