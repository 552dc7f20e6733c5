namespace OrleansDistribution.Abstractions.Partners;

/// <summary>
/// A change of a partner's name and limits (JSON merge-patch semantics): a null <see cref="Name"/> or
/// <see cref="RateLimitPerSecond"/> leaves it as it is; <see cref="Burst"/> and <see cref="DailyQuota"/> change only
/// when their <c>Change…</c> flag is set, and then null removes them (the burst follows the rate limit again; no quota).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("PartnerUpdate")]
public sealed record PartnerUpdate(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] int? RateLimitPerSecond = null,
    [property: Id(2)] bool ChangeBurst = false,
    [property: Id(3)] int? Burst = null,
    [property: Id(4)] bool ChangeDailyQuota = false,
    [property: Id(5)] int? DailyQuota = null);
