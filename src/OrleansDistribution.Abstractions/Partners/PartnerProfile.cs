namespace OrleansDistribution.Abstractions.Partners;

/// <summary>A partner's identity, standing and quota.</summary>
[GenerateSerializer, Immutable]
[Alias("PartnerProfile")]
public sealed record PartnerProfile(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] string Name,
    [property: Id(2)] PartnerStatus Status,
    [property: Id(3)] int RateLimitPerSecond,
    [property: Id(4)] string? PriceListVersion,
    [property: Id(5)] DateTimeOffset CreatedAt);
