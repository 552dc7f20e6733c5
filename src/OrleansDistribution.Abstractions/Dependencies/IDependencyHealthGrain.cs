namespace OrleansDistribution.Abstractions.Dependencies;

/// <summary>
/// Cluster-wide health of one downstream system. Each silo reports its own circuit; the dependency is
/// degraded while any silo's circuit is open, and each change is published once. Key: "erp" or "wms".
/// </summary>
public interface IDependencyHealthGrain : IGrainWithStringKey
{
    /// <summary>A silo's circuit to this dependency opened.</summary>
    Task ReportOpenedAsync(string siloId, string reason);

    /// <summary>A silo's circuit to this dependency closed again.</summary>
    Task ReportClosedAsync(string siloId);

    /// <summary>Whether it is degraded now, since when and why.</summary>
    [ReadOnly]
    Task<DependencyState> GetAsync();
}
