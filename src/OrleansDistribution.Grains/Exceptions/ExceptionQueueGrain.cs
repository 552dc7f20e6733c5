using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Exceptions;

/// <summary>
/// The open exceptions of one business cause, as operators read them: the union of the type's shards
/// (<see cref="ExceptionShardGrain"/>, where orders file and withdraw their entries) and of the entries an
/// earlier version kept in this grain itself, which stay here until they are resolved.
/// </summary>
[Reentrant]
public sealed class ExceptionQueueGrain(
    [PersistentState(ExceptionQueueGrain.StateName, DistributionNames.Storage)] IPersistentState<ExceptionQueueState> state) : Grain, IExceptionQueueGrain
{
    /// <summary>State name of a queue (and of its shards, whose keys differ).</summary>
    public const string StateName = "exceptions";

    private string Type => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public Task AddAsync(ExceptionEntry entry) =>
        GrainFactory.GetGrain<IExceptionShardGrain>(ExceptionQueues.ShardOf(Type, entry.ExceptionId)).AddAsync(entry);

    /// <inheritdoc />
    public async Task RemoveAsync(string exceptionId)
    {
        if (state.State.Open.Remove(exceptionId))
        {
            await state.WriteOrDeactivateAsync(this);
        }

        await GrainFactory.GetGrain<IExceptionShardGrain>(ExceptionQueues.ShardOf(Type, exceptionId)).RemoveAsync(exceptionId);
    }

    /// <inheritdoc />
    public async Task<ExceptionEntry?> GetAsync(string exceptionId) =>
        state.State.Open.TryGetValue(exceptionId, out var legacy)
            ? legacy
            : await GrainFactory.GetGrain<IExceptionShardGrain>(ExceptionQueues.ShardOf(Type, exceptionId)).GetAsync(exceptionId);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ExceptionEntry>> ListAsync(string? partnerId)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, ExceptionQueues.Shards)
            .Select(index => GrainFactory.GetGrain<IExceptionShardGrain>(ExceptionQueues.Shard(Type, index)).ListAsync(partnerId)));
        return
        [
            .. shards.SelectMany(entries => entries)
                .Concat(state.State.Open.Values.Where(entry => partnerId is null || entry.PartnerId == partnerId))
                .OrderBy(entry => entry.RaisedAt),
        ];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> CountByPartnerAsync() =>
        (await ListAsync(null)).GroupBy(entry => entry.PartnerId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<ExceptionBacklog> BacklogAsync()
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, ExceptionQueues.Shards)
            .Select(index => GrainFactory.GetGrain<IExceptionShardGrain>(ExceptionQueues.Shard(Type, index)).BacklogAsync()));
        return shards.Aggregate(ExceptionBacklog.Of(state.State.Open.Values), (total, shard) => total.Plus(shard));
    }
}
