using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Api.Contracts;

/// <summary>One of a partner's API keys: its ID, last four characters (null for keys from before key records), status and dates; never the key.</summary>
public sealed record PartnerKeyResponse(string KeyId, string? Last4, string Status, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>"active" or "revoked".</summary>
    public static string StatusOf(PartnerKey key) => key.IsActive ? "active" : "revoked";

    /// <summary>Maps a key record.</summary>
    public static PartnerKeyResponse From(PartnerKey key) => new(key.KeyId, key.Last4, StatusOf(key), key.CreatedAt, key.RevokedAt);
}
