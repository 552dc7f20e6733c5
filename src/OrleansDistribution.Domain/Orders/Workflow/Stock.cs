namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>Quantities by SKU.</summary>
public static class Stock
{
    /// <summary>No stock.</summary>
    public static readonly IReadOnlyDictionary<string, int> None = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>A copy keyed by SKU, ordinal.</summary>
    public static IReadOnlyDictionary<string, int> Of(IEnumerable<KeyValuePair<string, int>> quantities) =>
        new Dictionary<string, int>(quantities, StringComparer.Ordinal);

    /// <summary>Quantity per SKU of priced lines: a SKU on several lines counts once, for the sum.</summary>
    public static IReadOnlyDictionary<string, int> Of(IEnumerable<Abstractions.Orders.PricedOrderLine> lines)
    {
        var bySku = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            bySku[line.Sku] = bySku.GetValueOrDefault(line.Sku) + line.Quantity;
        }

        return bySku;
    }
}
