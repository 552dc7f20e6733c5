using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Exceptions;

/// <summary>
/// The open exceptions of one business cause. Orders file and withdraw their own entries; operators read
/// the queue to see the backlog and pick what to retry or resolve.
/// </summary>
public sealed class ExceptionQueueGrain(
    [PersistentState("exceptions", DistributionNames.Storage)] IPersistentState<ExceptionQueueState> state) : Grain, IExceptionQueueGrain
{
    /// <inheritdoc />
    public async Task AddAsync(ExceptionEntry entry)
    {
        if (state.State.Open.TryGetValue(entry.ExceptionId, out var existing) && existing == entry)
        {
            return;
        }

        state.State.Open[entry.ExceptionId] = entry;
        await state.WriteOrDeactivateAsync(this);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string exceptionId)
    {
        if (state.State.Open.Remove(exceptionId))
        {
            await state.WriteOrDeactivateAsync(this);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExceptionEntry>> ListAsync(string? partnerId) =>
        Task.FromResult<IReadOnlyList<ExceptionEntry>>(
        [
            .. state.State.Open.Values
                .Where(entry => partnerId is null || entry.PartnerId == partnerId)
                .OrderBy(entry => entry.RaisedAt),
        ]);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> CountByPartnerAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(
            state.State.Open.Values.GroupBy(entry => entry.PartnerId, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal));
}
