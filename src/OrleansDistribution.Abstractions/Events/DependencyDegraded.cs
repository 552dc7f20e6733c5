namespace OrleansDistribution.Abstractions.Events;

/// <summary>A downstream system is failing systemically (its circuit opened on some silo) (v1).</summary>
[GenerateSerializer, Immutable]
[Alias("DependencyDegraded.v1")]
public sealed record DependencyDegraded : DistributionEvent
{
    /// <summary>"erp" or "wms".</summary>
    [Id(0)] public required string Dependency { get; init; }

    /// <summary>Why the circuit opened.</summary>
    [Id(1)] public required string Reason { get; init; }

    /// <summary>Always "Degraded": the status field every SSE event carries.</summary>
    public string Status => "Degraded";

    /// <inheritdoc />
    public override string EventType => "DependencyDegraded";

    /// <inheritdoc />
    public override int SchemaVersion => 1;
}
