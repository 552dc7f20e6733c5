using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Api.Contracts;

/// <summary>A partner as the operator sees it.</summary>
public sealed record PartnerResponse(string PartnerId, string Name, string Status, int RateLimitPerSecond, string? PriceListVersion, DateTimeOffset CreatedAt)
{
    /// <summary>Maps a profile.</summary>
    public static PartnerResponse From(PartnerProfile profile) =>
        new(profile.PartnerId, profile.Name, profile.Status.ToString(), profile.RateLimitPerSecond, profile.PriceListVersion, profile.CreatedAt);
}
