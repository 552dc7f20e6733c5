using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Api.Security;

/// <summary>
/// Which partner an API key belongs to, and its standing and limits, remembered by this API silo for
/// <see cref="Lifetime"/>. Without it every request paid two grain calls (key index, then partner) before
/// doing anything; with it a busy channel pays them once per key and interval. A change made through this
/// silo (suspension, PATCH, a revoked key) takes effect at once; one made through another silo as soon as
/// <see cref="PartnerChangePoller"/> hears of it (within about <see cref="PartnerChangePoller.Interval"/>), and
/// within <see cref="Lifetime"/> even if the change log cannot be reached.
/// Orders never depend on it for standing: the order grain asks the partner itself, so a suspended partner's order is
/// refused even while a stale entry lives.
/// </summary>
public sealed class PartnerKeyCache(IGrainFactory grains, TimeProvider clock) : IDisposable
{
    /// <summary>How long an entry is used at most.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private const int MaxKeys = 10_000;

    private readonly MemoryCache _byKeyHash = new(new MemoryCacheOptions { SizeLimit = MaxKeys });
    private readonly ConcurrentDictionary<string, DateTimeOffset> _changedAt = new(StringComparer.Ordinal);
    private long _forgotAllAtTicks;

    /// <summary>The partner that holds the key with this hash, or null when the key is unknown.</summary>
    public async Task<PartnerProfile?> ResolveAsync(string keyHash)
    {
        if (Cached(keyHash) is { } cached)
        {
            return cached;
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

    /// <summary>True when the key with this hash was resolved to a partner recently and nothing changed since (no grain call).</summary>
    public bool IsKnown(string keyHash) => Cached(keyHash) is not null;

    /// <summary>Forgets what is remembered about a partner (a key, its standing or limits changed).</summary>
    public void Changed(string partnerId) => _changedAt[partnerId] = clock.GetUtcNow();

    /// <summary>Forgets everything (the change log restarted or this silo fell behind it).</summary>
    public void ForgetAll()
    {
        Interlocked.Exchange(ref _forgotAllAtTicks, clock.GetUtcNow().UtcTicks);
        _byKeyHash.Clear();
    }

    /// <inheritdoc />
    public void Dispose() => _byKeyHash.Dispose();

    /// <summary>
    /// An entry counts only if it was looked up after the last change of its partner: a lookup that was under way while
    /// the change happened started before it, so its (possibly stale) answer is never used.
    /// </summary>
    private PartnerProfile? Cached(string keyHash) =>
        _byKeyHash.TryGetValue(keyHash, out CachedProfile? cached) && cached is not null
        && cached.At.UtcTicks > Interlocked.Read(ref _forgotAllAtTicks)
        && !(_changedAt.TryGetValue(cached.Profile.PartnerId, out var changed) && changed >= cached.At)
            ? cached.Profile
            : null;

    private sealed record CachedProfile(PartnerProfile Profile, DateTimeOffset At);
}
