namespace OrleansDistribution.Abstractions.Partners;

/// <summary>
/// One of a partner's API keys as it may be shown: its ID, the last four characters of the key (null for a key
/// issued before keys had records) and when it was issued and revoked. Never the key or its hash.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("PartnerKey")]
public sealed record PartnerKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string? Last4,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? RevokedAt)
{
    /// <summary>True while the key authenticates.</summary>
    public bool IsActive => RevokedAt is null;
}
