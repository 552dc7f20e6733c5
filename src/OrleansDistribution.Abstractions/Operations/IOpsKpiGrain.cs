namespace OrleansDistribution.Abstractions.Operations;

/// <summary>
/// The cluster's operations figures, one grain (key <see cref="Key"/>): every silo reports its recent minutes (and gets the
/// sampled cluster state back for its gauges); the ops console reads the merged window. Figures live in memory: each
/// report carries a silo's whole window, so a reactivated grain is whole again one report interval later.
/// </summary>
public interface IOpsKpiGrain : IGrainWithStringKey
{
    /// <summary>The grain's key.</summary>
    const string Key = "cluster";

    /// <summary>Minutes the window holds.</summary>
    const int WindowMinutes = 15;

    /// <summary>A silo's minutes of the window (replacing what it reported for them before); answers the cluster's state.</summary>
    Task<ClusterFigures> ReportAsync(string silo, IReadOnlyList<KpiMinute> minutes);

    /// <summary>The last <see cref="WindowMinutes"/> minutes, merged over silos, and the cluster's state.</summary>
    [ReadOnly]
    Task<KpiReport> GetAsync();
}
