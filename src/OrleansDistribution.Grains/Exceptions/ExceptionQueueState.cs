using OrleansDistribution.Abstractions.Exceptions;

namespace OrleansDistribution.Grains.Exceptions;

/// <summary>Persisted open exceptions of one type. Additive changes only.</summary>
[GenerateSerializer]
[Alias("ExceptionQueueState.v1")]
public sealed class ExceptionQueueState
{
    /// <summary>Open exceptions by ID.</summary>
    [Id(0)] public Dictionary<string, ExceptionEntry> Open { get; set; } = new(StringComparer.Ordinal);
}
