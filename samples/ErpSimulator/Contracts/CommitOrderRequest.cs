namespace ErpSimulator.Contracts;

/// <summary>Body of <c>POST /erp/orders</c>.</summary>
public sealed record CommitOrderRequest(
    string? OrderId,
    string? PartnerId,
    string? CustomerId,
    string? ChannelOrderRef,
    string? PriceListVersion,
    string? Currency,
    decimal Total,
    IReadOnlyList<CommitOrderLine>? Lines)
{
    /// <summary>The SKUs ordered, for SKU-based refusals.</summary>
    public IEnumerable<string> Skus => Lines?.Select(line => line.Sku).OfType<string>() ?? [];

    /// <summary>Shape problems of the lines by field (the order ID and headers are checked for every call).</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Lines?.Any(line => line is null || string.IsNullOrWhiteSpace(line.Sku) || line.Quantity <= 0) == true)
        {
            errors["lines"] = ["Every line needs a sku and a positive quantity."];
        }

        return errors;
    }
}
