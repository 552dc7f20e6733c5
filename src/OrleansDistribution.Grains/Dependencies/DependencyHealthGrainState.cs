namespace OrleansDistribution.Grains.Dependencies;

/// <summary>Persisted cluster-wide view of one dependency. Additive changes only.</summary>
[GenerateSerializer]
[Alias("DependencyHealthGrainState.v1")]
public sealed class DependencyHealthGrainState
{
    /// <summary>Silos whose circuit to the dependency is open.</summary>
    [Id(0)] public HashSet<string> OpenOn { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the dependency became degraded.</summary>
    [Id(1)] public DateTimeOffset? DegradedSince { get; set; }

    /// <summary>What the circuit that opened first said.</summary>
    [Id(2)] public string? Reason { get; set; }
}
