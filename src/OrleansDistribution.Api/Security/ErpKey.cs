namespace OrleansDistribution.Api.Security;

/// <summary>
/// The ERP integration's API key, from "Distribution:ErpApiKey": it may feed stock (POST /v1/inventory/sync,
/// PUT /v1/inventory/{sku}) and read positions, nothing else. Without it only the operator key feeds stock.
/// </summary>
public sealed class ErpKey(IConfiguration configuration)
{
    /// <summary>The key, or null when none is configured.</summary>
    public string? Value { get; } = string.IsNullOrWhiteSpace(configuration["Distribution:ErpApiKey"]) ? null : configuration["Distribution:ErpApiKey"]!.Trim();
}
