namespace OrleansDistribution.Abstractions.Partners;

/// <summary>
/// A partner's identity, standing and limits: requests per second and the burst its bucket holds (the rate limit
/// unless set), and the orders it may have accepted per UTC day (null: no quota).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("PartnerProfile")]
public sealed record PartnerProfile(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] string Name,
    [property: Id(2)] PartnerStatus Status,
    [property: Id(3)] int RateLimitPerSecond,
    [property: Id(4)] string? PriceListVersion,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] int Burst = 0,
    [property: Id(7)] int? DailyQuota = null);
