namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// The full refresh of on-hand from the ERP's stock snapshot, on a durable schedule (and on demand), so a missed feed
/// push heals itself: it pages through the snapshot and states each position to its SKU as an absolute figure.
/// One per cluster: key <see cref="Key"/>.
/// </summary>
public interface IErpStockRefreshGrain : IGrainWithStringKey
{
    /// <summary>The one refresh grain of the cluster.</summary>
    const string Key = "erp";

    /// <summary>Makes sure the schedule runs (every silo calls it at start; its reminder keeps it alive after a failover).</summary>
    Task StartAsync();

    /// <summary>Starts a refresh now, or returns the one running.</summary>
    Task<ErpRefreshRun> TriggerAsync();

    /// <summary>A recent run (the last few are kept), or null.</summary>
    [ReadOnly]
    Task<ErpRefreshRun?> GetRunAsync(string runId);
}
