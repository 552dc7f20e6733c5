using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Api.Contracts;

/// <summary>A partner as the operator sees it; <c>dailyQuota</c> is null when the partner has none.</summary>
public sealed record PartnerResponse(
    string PartnerId, string Name, string Status, int RateLimitPerSecond, int Burst, int? DailyQuota, string? PriceListVersion, DateTimeOffset CreatedAt)
{
    /// <summary>Maps a profile.</summary>
    public static PartnerResponse From(PartnerProfile profile) =>
        new(profile.PartnerId, profile.Name, profile.Status.ToString(), profile.RateLimitPerSecond, profile.Burst, profile.DailyQuota,
            profile.PriceListVersion, profile.CreatedAt);
}
