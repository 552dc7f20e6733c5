using OrleansDistribution.Abstractions.Exceptions;

namespace OrleansDistribution.Grains.Exceptions;

/// <summary>Persisted progress of a bulk replay. Additive changes only.</summary>
[GenerateSerializer]
[Alias("ReplayJobState.v1")]
public sealed class ReplayJobState
{
    [Id(0)] public ReplayJobRequest? Request { get; set; }
    [Id(1)] public List<ExceptionEntry> Pending { get; set; } = [];
    [Id(2)] public int Total { get; set; }
    [Id(3)] public int Succeeded { get; set; }
    [Id(4)] public int Failed { get; set; }
    [Id(5)] public DateTimeOffset StartedAt { get; set; }
    [Id(6)] public DateTimeOffset? CompletedAt { get; set; }
    [Id(7)] public List<RetryOutcome> Failures { get; set; } = [];
}
