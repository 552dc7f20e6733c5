using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Domain.Pricing;

/// <summary>The outcome of pricing an order against one price list version.</summary>
public sealed record PricingResult(
    string PriceListVersion,
    string Currency,
    IReadOnlyList<PricedOrderLine> Lines,
    decimal Total,
    IReadOnlyList<string> UnpricedSkus)
{
    /// <summary>True when every line has a price.</summary>
    public bool IsComplete => UnpricedSkus.Count == 0;
}
