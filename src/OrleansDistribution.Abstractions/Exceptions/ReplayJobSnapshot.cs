namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>Progress of a bulk replay.</summary>
[GenerateSerializer, Immutable]
[Alias("ReplayJobSnapshot")]
public sealed record ReplayJobSnapshot(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Type,
    [property: Id(2)] string? PartnerId,
    [property: Id(3)] int MaxConcurrency,
    [property: Id(4)] int Total,
    [property: Id(5)] int Done,
    [property: Id(6)] int Succeeded,
    [property: Id(7)] int Failed,
    [property: Id(8)] bool Completed,
    [property: Id(9)] DateTimeOffset StartedAt,
    [property: Id(10)] DateTimeOffset? CompletedAt,
    [property: Id(11)] IReadOnlyList<RetryOutcome> Failures);
