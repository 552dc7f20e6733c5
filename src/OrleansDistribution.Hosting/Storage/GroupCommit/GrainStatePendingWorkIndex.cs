using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// The pending-work index over the wake times the group-commit storage keeps beside each payload: an index scan of
/// the rows whose wake time is due (a partial index holds only rows with a wake time), no extra write anywhere.
/// </summary>
public sealed class GrainStatePendingWorkIndex(IGrainStateStore store) : IPendingWorkIndex
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> DueAsync(string stateName, DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return store.DueAsync(stateName, dueBy, limit, cancellationToken);
    }
}
