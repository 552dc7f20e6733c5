namespace OrleansDistribution.Api.Contracts;

/// <summary>One requested line.</summary>
public sealed record OrderLineInput(string? Sku, int? Quantity);
