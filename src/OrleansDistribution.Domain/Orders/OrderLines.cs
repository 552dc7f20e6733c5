using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Domain.Orders;

/// <summary>Rules over an order's lines.</summary>
public static class OrderLines
{
    /// <summary>Quantity per SKU: a SKU on several lines is reserved once, for the sum.</summary>
    public static IReadOnlyDictionary<string, int> QuantityBySku(IEnumerable<OrderLineRequest> lines) =>
        lines.GroupBy(line => line.Sku, StringComparer.Ordinal)
             .ToDictionary(group => group.Key, group => group.Sum(line => line.Quantity), StringComparer.Ordinal);
}
