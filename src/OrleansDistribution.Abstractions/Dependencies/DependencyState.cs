namespace OrleansDistribution.Abstractions.Dependencies;

/// <summary>
/// Cluster-wide state of one downstream system: degraded while any silo's circuit to it is open, since the first one
/// opened, with the reason that circuit gave.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("DependencyState")]
public sealed record DependencyState(
    [property: Id(0)] string Name,
    [property: Id(1)] DateTimeOffset? DegradedSince,
    [property: Id(2)] string? Reason)
{
    /// <summary>The downstream systems the workflow calls, by their grain keys.</summary>
    public static IReadOnlyList<string> Names { get; } = ["erp", "wms"];

    /// <summary>Whether a circuit to it is open somewhere in the cluster.</summary>
    public bool Degraded => DegradedSince is not null;
}
