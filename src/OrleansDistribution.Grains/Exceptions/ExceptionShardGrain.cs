using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Exceptions;

/// <summary>
/// One slice of a queue of open exceptions. Reentrant with group commit, like a hot SKU: a burst of orders
/// going on hold (a sold-out SKU) is decided in memory and shares one write, and nobody is answered before
/// the write carrying their entry is durable.
/// </summary>
[Reentrant]
public sealed class ExceptionShardGrain(
    [PersistentState(ExceptionQueueGrain.StateName, DistributionNames.Storage)] IPersistentState<ExceptionQueueState> state) : Grain, IExceptionShardGrain
{
    private Dictionary<string, ExceptionEntry> _open = new(StringComparer.Ordinal);
    private GroupCommitter _committer = null!;
    private Exception? _broken;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _committer = new GroupCommitter(WriteAsync, ReloadAsync);
        _open = new Dictionary<string, ExceptionEntry>(state.State.Open, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task AddAsync(ExceptionEntry entry)
    {
        await ReadyAsync();
        if (_open.TryGetValue(entry.ExceptionId, out var existing) && existing == entry)
        {
            await _committer.DurableAsync();
            return;
        }

        _open[entry.ExceptionId] = entry;
        await _committer.CommitAsync();
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string exceptionId)
    {
        await ReadyAsync();
        if (_open.Remove(exceptionId))
        {
            await _committer.CommitAsync();
        }
        else
        {
            await _committer.DurableAsync();
        }
    }

    /// <inheritdoc />
    public async Task<ExceptionEntry?> GetAsync(string exceptionId)
    {
        await ReadyAsync();
        await _committer.DurableAsync();
        return state.State.Open.GetValueOrDefault(exceptionId);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ExceptionEntry>> ListAsync(string? partnerId)
    {
        await ReadyAsync();
        await _committer.DurableAsync();
        return [.. state.State.Open.Values.Where(entry => partnerId is null || entry.PartnerId == partnerId)];
    }

    /// <inheritdoc />
    public async Task<ExceptionBacklog> BacklogAsync()
    {
        await ReadyAsync();
        await _committer.DurableAsync();
        return ExceptionBacklog.Of(state.State.Open.Values);
    }

    private async Task ReadyAsync()
    {
        await _committer.Ready;
        if (_broken is { } broken)
        {
            throw new GrainStateUnavailableException($"Exception queue shard '{this.GetPrimaryKeyString()}' could not be reloaded; retry.", broken);
        }
    }

    private Task WriteAsync()
    {
        // A copy: decisions made while this write is in flight go into the next one.
        state.State = new ExceptionQueueState { Open = new Dictionary<string, ExceptionEntry>(_open, StringComparer.Ordinal) };
        return state.WriteStateAsync();
    }

    private async Task ReloadAsync()
    {
        try
        {
            await state.ReadStateAsync();
            _open = new Dictionary<string, ExceptionEntry>(state.State.Open, StringComparer.Ordinal);
        }
        catch (Exception exception)
        {
            _broken = exception;
            DeactivateOnIdle();
            throw;
        }
    }
}
