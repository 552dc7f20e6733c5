namespace OrleansDistribution.Abstractions.Partners;

/// <summary>What the operator supplies to onboard a partner (the key's hash, and its last four characters for display).</summary>
[GenerateSerializer, Immutable]
[Alias("PartnerRegistration")]
public sealed record PartnerRegistration(
    [property: Id(0)] string Name,
    [property: Id(1)] int RateLimitPerSecond,
    [property: Id(2)] string ApiKeyHash,
    [property: Id(3)] string? ApiKeyLast4 = null);
