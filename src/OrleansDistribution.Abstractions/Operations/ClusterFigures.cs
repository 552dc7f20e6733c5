using OrleansDistribution.Abstractions.Dependencies;
using OrleansDistribution.Abstractions.Exceptions;

namespace OrleansDistribution.Abstractions.Operations;

/// <summary>
/// State of the whole cluster, sampled by the <see cref="IOpsKpiGrain"/> (never one silo's view): orders by status from the
/// durable order index, the backlog of every exception queue, every dependency's health.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("ClusterFigures")]
public sealed record ClusterFigures(
    [property: Id(0)] DateTimeOffset? SampledAt,
    [property: Id(1)] IReadOnlyDictionary<string, long> OrdersByStatus,
    [property: Id(2)] IReadOnlyDictionary<string, ExceptionBacklog> Exceptions,
    [property: Id(3)] IReadOnlyList<DependencyState> Dependencies)
{
    /// <summary>Before the first sample.</summary>
    public static ClusterFigures None { get; } = new(null, new Dictionary<string, long>(), new Dictionary<string, ExceptionBacklog>(), []);
}
