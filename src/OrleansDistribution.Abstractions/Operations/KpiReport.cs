namespace OrleansDistribution.Abstractions.Operations;

/// <summary>The cluster's last minutes (merged over silos, oldest first, one per minute) and its sampled state.</summary>
[GenerateSerializer, Immutable]
[Alias("KpiReport")]
public sealed record KpiReport(
    [property: Id(0)] DateTimeOffset AsOf,
    [property: Id(1)] IReadOnlyList<KpiMinute> Minutes,
    [property: Id(2)] IReadOnlyList<int?> ExceptionsOpen,
    [property: Id(3)] ClusterFigures Cluster);
