namespace OrleansDistribution.Abstractions.Partners;

/// <summary>
/// The cluster's log of recent partner changes (keys revoked, standing, limits), so every API silo can forget what it
/// remembers about a changed partner within a poll interval. Singleton: key <see cref="Key"/>. In memory only: when it
/// is reactivated its epoch changes and every poller starts afresh.
/// </summary>
public interface IPartnerChangesGrain : IGrainWithIntegerKey
{
    /// <summary>The one key of this grain.</summary>
    const long Key = 0;

    /// <summary>Records that a partner changed.</summary>
    Task ChangedAsync(string partnerId);

    /// <summary>The partners changed after <paramref name="version"/> of <paramref name="epoch"/> (cheap when nothing changed).</summary>
    [ReadOnly, AlwaysInterleave]
    Task<PartnerChanges> GetChangesAsync(Guid epoch, long version);
}
