using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Partners;

/// <summary>A partner's audit log: appends with increasing sequences, keeps the newest <see cref="IPartnerAuditGrain.Capacity"/>.</summary>
public sealed class PartnerAuditGrain(
    [PersistentState("audit", DistributionNames.Storage)] IPersistentState<PartnerAuditState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock) : Grain, IPartnerAuditGrain
{
    /// <inheritdoc />
    public async Task<AuditEntry> AppendAsync(string actor, string action, IReadOnlyList<AuditChange> changes, string? correlationId)
    {
        var entry = new AuditEntry(state.State.LastSequence + 1, clock.GetUtcNow(), actor, action, changes, correlationId);
        state.State.Entries.Add(entry);
        state.State.LastSequence = entry.Sequence;
        var dropped = state.State.Entries.Count > IPartnerAuditGrain.Capacity ? state.State.Entries[0] : null;
        if (dropped is not null)
        {
            state.State.Entries.RemoveAt(0);
        }

        try
        {
            await state.WriteOrDeactivateAsync(this);
        }
        catch
        {
            state.State.Entries.Remove(entry);
            state.State.LastSequence = entry.Sequence - 1;
            if (dropped is not null)
            {
                state.State.Entries.Insert(0, dropped);
            }

            throw;
        }

        return entry;
    }

    /// <inheritdoc />
    public Task<AuditPage> ListAsync(long after, int limit)
    {
        limit = Math.Max(1, limit);
        var entries = state.State.Entries;
        // Sequences increase by one, so the first entry after the cursor is found by arithmetic, not a scan.
        var first = entries.Count == 0 ? 0 : (int)Math.Clamp(after - entries[0].Sequence + 1, 0, entries.Count);
        var count = Math.Min(limit, entries.Count - first);
        var page = entries.GetRange(first, Math.Max(0, count));
        long? next = first + count < entries.Count ? page[^1].Sequence : null;
        return Task.FromResult(new AuditPage(page, next));
    }
}
