using OrleansDistribution.Abstractions.Partners;

using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Grains.Partners;

/// <summary>Persisted partner record. Additive changes only: new members get new ids.</summary>
[GenerateSerializer]
[Alias("PartnerState.v1")]
public sealed class PartnerState
{
    /// <summary>Display name.</summary>
    [Id(0)] public string Name { get; set; } = "";

    /// <summary>Active or suspended.</summary>
    [Id(1)] public PartnerStatus Status { get; set; }

    /// <summary>Requests per second the API lets through for this partner.</summary>
    [Id(2)] public int RateLimitPerSecond { get; set; }

    /// <summary>
    /// SHA-256 hashes of the partner's active API keys; the keys themselves are never stored. Kept in step with
    /// <see cref="Keys"/>, which replaced it (a record from before <see cref="Keys"/> is migrated on activation).
    /// </summary>
    [Id(3)] public List<string> ApiKeyHashes { get; set; } = [];

    /// <summary>Every price list version ever set, by version.</summary>
    [Id(4)] public Dictionary<string, PriceList> PriceLists { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The version new orders are priced with.</summary>
    [Id(5)] public string? CurrentPriceListVersion { get; set; }

    /// <summary>When the partner was onboarded.</summary>
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How much stock the partner may promise; null until the operator sets one (the default applies).</summary>
    [Id(7)] public InventoryPolicy? InventoryPolicy { get; set; }

    /// <summary>Every key issued to the partner, revoked ones included, oldest first.</summary>
    [Id(8)] public List<ApiKeyEntry> Keys { get; set; } = [];

    /// <summary>Tokens the partner's bucket holds; null: the rate limit.</summary>
    [Id(9)] public int? Burst { get; set; }

    /// <summary>Orders the partner may have accepted per UTC day; null: no quota.</summary>
    [Id(10)] public int? DailyQuota { get; set; }
}
