using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/partners/{partnerId}/keys response: the new key, shown this once, and its record.</summary>
public sealed record IssuedKeyResponse(string PartnerId, string KeyId, string ApiKey, string? Last4, DateTimeOffset CreatedAt)
{
    /// <summary>Maps the new key's record and the key itself.</summary>
    public static IssuedKeyResponse From(string partnerId, PartnerKey key, string apiKey) => new(partnerId, key.KeyId, apiKey, key.Last4, key.CreatedAt);
}
