namespace OrleansDistribution.Api.Contracts;

/// <summary>One line of a price list body.</summary>
public sealed record PriceListLineInput(string? Sku, decimal? UnitPrice);
