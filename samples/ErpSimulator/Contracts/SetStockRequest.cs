namespace ErpSimulator.Contracts;

/// <summary>Body of <c>PUT /_sim/stock/{sku}</c>: books the SKU's on-hand in the simulated ERP.</summary>
public sealed record SetStockRequest(int? OnHand)
{
    /// <summary>Problems by field, for the SKU of the route and this body.</summary>
    public Dictionary<string, string[]> Validate(string sku)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(sku))
        {
            errors["sku"] = ["Required."];
        }

        if (OnHand is not { } onHand)
        {
            errors["onHand"] = ["Required."];
        }
        else if (onHand < 0)
        {
            errors["onHand"] = ["Must be 0 or more."];
        }

        return errors;
    }
}
