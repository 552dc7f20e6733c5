using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Grains.Partners;

/// <summary>
/// The cluster's short memory of which partners changed, as versions: every API silo polls it several times a second
/// with the last version it saw and forgets what it cached about the partners changed since. A poll when nothing
/// changed returns a shared empty answer. Not persisted: a new activation has a new epoch, and a poller that sees
/// another epoch (or fell behind more than <see cref="Kept"/> changes) forgets everything it cached.
/// </summary>
public sealed class PartnerChangesGrain : Grain, IPartnerChangesGrain
{
    /// <summary>Changes remembered for pollers that fell behind.</summary>
    public const int Kept = 4_096;

    private readonly Guid _epoch = Guid.NewGuid();
    private readonly Queue<(long Version, string PartnerId)> _recent = new();
    private long _version;
    private PartnerChanges? _current;

    /// <inheritdoc />
    public Task ChangedAsync(string partnerId)
    {
        _version++;
        _recent.Enqueue((_version, partnerId));
        if (_recent.Count > Kept)
        {
            _recent.Dequeue();
        }

        _current = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PartnerChanges> GetChangesAsync(Guid epoch, long version)
    {
        if (epoch == _epoch && version == _version)
        {
            return Task.FromResult(_current ??= new PartnerChanges(_epoch, _version, [], Reset: false));
        }

        var oldest = _recent.Count > 0 ? _recent.Peek().Version : _version + 1;
        if (epoch != _epoch || version > _version || version < oldest - 1)
        {
            return Task.FromResult(new PartnerChanges(_epoch, _version, [], Reset: true));
        }

        var changed = _recent.Where(change => change.Version > version).Select(change => change.PartnerId).Distinct(StringComparer.Ordinal).ToList();
        return Task.FromResult(new PartnerChanges(_epoch, _version, changed, Reset: false));
    }
}
