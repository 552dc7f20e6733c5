namespace OrleansDistribution.Grains.Workflow;

/// <summary>
/// Resumes orders whose pending work was cut off (their silo died, the cluster restarted): it asks the
/// durable index of pending work for orders past their wake time and wakes them. Key: <see cref="Key"/>.
/// </summary>
public interface IWorkflowSweeperGrain : IGrainWithStringKey
{
    /// <summary>The one sweeper of the cluster.</summary>
    const string Key = "orders";

    /// <summary>Makes sure the sweeper runs (every silo calls it at start; its reminder keeps it alive after failover).</summary>
    Task StartAsync();

    /// <summary>
    /// A silo died: the sweeper sweeps at once, looking a resume period ahead, so the orders that lived there resume
    /// within seconds of the death instead of at their wake time. Every surviving silo reports each loss
    /// (<see cref="SiloLossWatcher"/>); the sweeper acts once per silo.
    /// </summary>
    Task SiloLostAsync(SiloAddress silo);
}
