namespace OrleansDistribution.Abstractions.Events;

/// <summary>A degraded downstream system answers again on every silo (v1).</summary>
[GenerateSerializer, Immutable]
[Alias("DependencyRecovered.v1")]
public sealed record DependencyRecovered : DistributionEvent
{
    /// <summary>"erp" or "wms".</summary>
    [Id(0)] public required string Dependency { get; init; }

    /// <summary>How long it was degraded.</summary>
    [Id(1)] public required TimeSpan DegradedFor { get; init; }

    /// <summary>Always "Recovered": the status field every SSE event carries.</summary>
    public string Status => "Recovered";

    /// <inheritdoc />
    public override string EventType => "DependencyRecovered";

    /// <inheritdoc />
    public override int SchemaVersion => 1;
}
