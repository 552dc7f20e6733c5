namespace ErpSimulator.Contracts;

/// <summary>Body of <c>POST /wms/releases</c>.</summary>
public sealed record ReleaseRequest(string? OrderId, string? CustomerId, IReadOnlyList<ReleaseLine>? Lines)
{
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
