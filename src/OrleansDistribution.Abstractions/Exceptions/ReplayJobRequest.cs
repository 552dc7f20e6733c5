namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>A bulk replay: every open exception of a type (optionally one partner's), a few at a time.</summary>
[GenerateSerializer, Immutable]
[Alias("ReplayJobRequest")]
public sealed record ReplayJobRequest(
    [property: Id(0)] string Type,
    [property: Id(1)] string? PartnerId,
    [property: Id(2)] int MaxConcurrency,
    [property: Id(3)] string Actor);
