namespace OrleansDistribution.Grains.Partners;

/// <summary>Persisted record of one partner API key: its ID, hash, last four characters and life span; never the key.</summary>
[GenerateSerializer]
[Alias("ApiKeyEntry.v1")]
public sealed class ApiKeyEntry
{
    /// <summary>The key's ID in URLs (<c>key_…</c>).</summary>
    [Id(0)] public string KeyId { get; set; } = "";

    /// <summary>SHA-256 of the key (hex), its name in the key index.</summary>
    [Id(1)] public string KeyHash { get; set; } = "";

    /// <summary>The key's last four characters, for display; null for a key from before key records existed.</summary>
    [Id(2)] public string? Last4 { get; set; }

    /// <summary>When the key was issued.</summary>
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the key was revoked; null while it works.</summary>
    [Id(4)] public DateTimeOffset? RevokedAt { get; set; }
}
