namespace OrleansDistribution.Grains.Storage;

/// <summary>
/// The durable index of pending work: the grains whose stored <see cref="IScheduledState.WakeAt"/> is due.
/// Sweepers activate them after a restart or failover; the happy path never touches it.
/// </summary>
public interface IPendingWorkIndex
{
    /// <summary>Primary keys of the grains of <paramref name="stateName"/> whose wake time is at or before <paramref name="dueBy"/>, earliest first.</summary>
    Task<IReadOnlyList<string>> DueAsync(string stateName, DateTimeOffset dueBy, int limit, CancellationToken cancellationToken);
}
