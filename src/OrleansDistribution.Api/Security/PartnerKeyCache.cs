using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Api.Security;

/// <summary>
/// Which partner an API key belongs to, and its standing and quota, remembered by this API silo for
/// <see cref="Lifetime"/>. Without it every request paid two grain calls (key index, then partner) before
/// doing anything; with it a busy channel pays them once per key and interval. A change made through this
/// silo (suspension) takes effect at once; one made through another silo within <see cref="Lifetime"/>.
/// Orders never depend on it: the order grain asks the partner itself, so a suspended partner's order is
/// refused even while a stale entry lives.
/// </summary>
public sealed class PartnerKeyCache(IGrainFactory grains, TimeProvider clock) : IDisposable
{
    /// <summary>How long an entry is used.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private const int MaxKeys = 10_000;

    private readonly MemoryCache _byKeyHash = new(new MemoryCacheOptions { SizeLimit = MaxKeys });
    private readonly ConcurrentDictionary<string, DateTimeOffset> _changedAt = new(StringComparer.Ordinal);

    /// <summary>The partner that holds the key with this hash, or null when the key is unknown.</summary>
    public async Task<PartnerProfile?> ResolveAsync(string keyHash)
    {
        if (_byKeyHash.TryGetValue(keyHash, out CachedProfile? cached) && cached is not null
            && !(_changedAt.TryGetValue(cached.Profile.PartnerId, out var changed) && changed >= cached.At))
        {
            return cached.Profile;
        }

        var at = clock.GetUtcNow();
        var partnerId = await grains.GetGrain<IApiKeyIndexGrain>(keyHash).ResolveAsync();
        var profile = partnerId is null ? null : await grains.GetGrain<IPartnerGrain>(partnerId).GetProfileAsync();
        if (profile is not null)
        {
            // Unknown keys are not remembered: a caller spraying random keys must not fill the cache.
            _byKeyHash.Set(keyHash, new CachedProfile(profile, at), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }

        return profile;
    }

    /// <summary>True when the key with this hash was resolved to a partner recently (no grain call).</summary>
    public bool IsKnown(string keyHash) => _byKeyHash.TryGetValue(keyHash, out _);

    /// <summary>Forgets what is remembered about a partner (its standing or quota changed).</summary>
    public void Changed(string partnerId) => _changedAt[partnerId] = clock.GetUtcNow();

    /// <inheritdoc />
    public void Dispose() => _byKeyHash.Dispose();

    private sealed record CachedProfile(PartnerProfile Profile, DateTimeOffset At);
}
