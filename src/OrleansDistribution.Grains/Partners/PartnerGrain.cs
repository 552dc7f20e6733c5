using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Domain.Partners;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Partners;

/// <summary>
/// A trading partner's profile, standing, limits, API keys and contract price lists. Every change is told to the
/// partner's audit log; a change the API edge caches (keys, standing, limits) also to the cluster's change log, which
/// every API silo polls.
/// </summary>
public sealed partial class PartnerGrain(
    [PersistentState("partner", DistributionNames.Storage)] IPersistentState<PartnerState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    ILogger<PartnerGrain> logger) : Grain, IPartnerGrain
{
    private Dictionary<string, PriceListLine>? _priceIndex;
    private string? _priceIndexVersion;

    private string PartnerId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && state.State.Keys.Count == 0 && state.State.ApiKeyHashes.Count > 0)
        {
            // A partner onboarded before keys had records: its key becomes a record with an ID derived from its hash,
            // so the ID is the same on every activation until the next write stores it.
            state.State.Keys = [.. state.State.ApiKeyHashes.Select(hash => new ApiKeyEntry
            {
                KeyId = "key_" + hash[..Math.Min(16, hash.Length)],
                KeyHash = hash,
                CreatedAt = state.State.CreatedAt,
            })];
        }

        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PartnerProfile> RegisterAsync(PartnerRegistration registration)
    {
        if (state.RecordExists)
        {
            throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.PartnerExists,
                $"Partner '{PartnerId}' already exists.");
        }

        // Bind the key first: a partner record without a resolvable key could never call in.
        await GrainFactory.GetGrain<IApiKeyIndexGrain>(registration.ApiKeyHash).BindAsync(PartnerId);

        var now = clock.GetUtcNow();
        var key = NewKey(registration.ApiKeyHash, registration.ApiKeyLast4, now);
        state.State = new PartnerState
        {
            Name = registration.Name,
            Status = PartnerStatus.Active,
            RateLimitPerSecond = registration.RateLimitPerSecond,
            ApiKeyHashes = [registration.ApiKeyHash],
            Keys = [key],
            CreatedAt = now,
        };
        await state.WriteOrDeactivateAsync(this);
        await AuditAsync(AuditActions.Onboarded, edgeCaches: false,
        [
            new AuditChange("name", null, registration.Name),
            new AuditChange("rateLimitPerSecond", null, Text(registration.RateLimitPerSecond)),
            new AuditChange("keyId", null, key.KeyId),
        ]);
        return ToProfile();
    }

    /// <inheritdoc />
    public Task<PartnerProfile?> GetProfileAsync() =>
        Task.FromResult(state.RecordExists ? ToProfile() : null);

    /// <inheritdoc />
    public async Task<PartnerProfile> UpdateAsync(PartnerUpdate update)
    {
        EnsureExists();
        var current = new PartnerLimits(state.State.RateLimitPerSecond, state.State.Burst, state.State.DailyQuota);
        var next = current.Apply(update);
        var name = update.Name?.Trim() ?? state.State.Name;
        var changes = new List<AuditChange>(4);
        if (name != state.State.Name)
        {
            changes.Add(new AuditChange("name", state.State.Name, name));
        }

        if (next.RateLimitPerSecond != current.RateLimitPerSecond)
        {
            changes.Add(new AuditChange("rateLimitPerSecond", Text(current.RateLimitPerSecond), Text(next.RateLimitPerSecond)));
        }

        if (next.Burst != current.Burst)
        {
            changes.Add(new AuditChange("burst", Text(current.Burst), Text(next.Burst)));
        }

        if (next.DailyQuota != current.DailyQuota)
        {
            changes.Add(new AuditChange("dailyQuota", Text(current.DailyQuota), Text(next.DailyQuota)));
        }

        if (changes.Count == 0)
        {
            return ToProfile();
        }

        state.State.Name = name;
        state.State.RateLimitPerSecond = next.RateLimitPerSecond;
        state.State.Burst = next.Burst;
        state.State.DailyQuota = next.DailyQuota;
        await state.WriteOrDeactivateAsync(this);
        await AuditAsync(AuditActions.Updated, edgeCaches: true, changes);
        return ToProfile();
    }

    /// <inheritdoc />
    public async Task<PartnerKey> IssueKeyAsync(string keyHash, string last4)
    {
        EnsureExists();
        PartnerKeyRules.EnsureMayIssue(PartnerId, state.State.Keys.Count(key => key.RevokedAt is null));
        await GrainFactory.GetGrain<IApiKeyIndexGrain>(keyHash).BindAsync(PartnerId);
        var key = NewKey(keyHash, last4, clock.GetUtcNow());
        state.State.Keys.Add(key);
        state.State.ApiKeyHashes = ActiveHashes();
        await state.WriteOrDeactivateAsync(this);
        await AuditAsync(AuditActions.KeyIssued, edgeCaches: false, [new AuditChange("keyId", null, key.KeyId)]);
        return ToKey(key);
    }

    /// <inheritdoc />
    public async Task<PartnerKey> RevokeKeyAsync(string keyId, bool allowLastKey)
    {
        EnsureExists();
        var key = state.State.Keys.Find(candidate => candidate.KeyId == keyId)
                  ?? throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.KeyNotFound,
                      $"Partner '{PartnerId}' has no key '{keyId}'.");
        if (key.RevokedAt is not null)
        {
            // A retry after a failed notification: tell the change log again (harmless when it heard the first time).
            await ChangedAsync();
            return ToKey(key);
        }

        PartnerKeyRules.EnsureMayRevoke(PartnerId, keyId, state.State.Keys.Count(candidate => candidate.RevokedAt is null), allowLastKey);
        // The index first: once it forgets the hash no API silo can resolve the key again, even if the write below fails
        // (a retry then finds the record still active and completes it).
        await GrainFactory.GetGrain<IApiKeyIndexGrain>(key.KeyHash).UnbindAsync(PartnerId);
        key.RevokedAt = clock.GetUtcNow();
        state.State.ApiKeyHashes = ActiveHashes();
        await state.WriteOrDeactivateAsync(this);
        await AuditAsync(AuditActions.KeyRevoked, edgeCaches: true, [new AuditChange("keyId", key.KeyId, null)]);
        return ToKey(key);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PartnerKey>?> GetKeysAsync() =>
        Task.FromResult<IReadOnlyList<PartnerKey>?>(state.RecordExists ? [.. state.State.Keys.Select(ToKey)] : null);

    /// <inheritdoc />
    public async Task<PartnerProfile> SetStatusAsync(PartnerStatus status)
    {
        EnsureExists();
        if (state.State.Status != status)
        {
            var before = state.State.Status;
            state.State.Status = status;
            await state.WriteOrDeactivateAsync(this);
            await AuditAsync(AuditActions.StatusChanged, edgeCaches: true, [new AuditChange("status", before.ToString(), status.ToString())]);
        }

        return ToProfile();
    }

    /// <inheritdoc />
    public async Task<PriceList> SetPriceListAsync(PriceList priceList)
    {
        EnsureExists();
        var added = false;
        if (state.State.PriceLists.TryGetValue(priceList.Version, out var existing))
        {
            if (!SameContent(existing, priceList))
            {
                throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.PriceListVersionReused,
                    $"Price list version '{priceList.Version}' already exists with different prices; publish a new version.");
            }

            priceList = existing;
        }
        else
        {
            priceList = priceList with { EffectiveFrom = clock.GetUtcNow() };
            state.State.PriceLists[priceList.Version] = priceList;
            added = true;
        }

        var before = state.State.CurrentPriceListVersion;
        state.State.CurrentPriceListVersion = priceList.Version;
        await state.WriteOrDeactivateAsync(this);
        if (added || before != priceList.Version)
        {
            await AuditAsync(AuditActions.PriceListPublished, edgeCaches: false,
                [new AuditChange("priceListVersion", before, priceList.Version), new AuditChange("lines", null, Text(priceList.Lines.Count))]);
        }

        return priceList;
    }

    /// <inheritdoc />
    public Task<OrderingTerms?> GetOrderingTermsAsync(IReadOnlyList<string> skus)
    {
        if (!state.RecordExists)
        {
            return Task.FromResult<OrderingTerms?>(null);
        }

        if (state.State.CurrentPriceListVersion is not { } version)
        {
            return Task.FromResult<OrderingTerms?>(new OrderingTerms(state.State.Status, null, state.State.InventoryPolicy));
        }

        var current = state.State.PriceLists[version];
        if (_priceIndex is null || _priceIndexVersion != version)
        {
            // Built once per version: an order then costs a lookup per line, however long the contract is.
            _priceIndex = new Dictionary<string, PriceListLine>(current.Lines.Count, StringComparer.Ordinal);
            foreach (var line in current.Lines)
            {
                _priceIndex[line.Sku] = line;
            }

            _priceIndexVersion = version;
        }

        var lines = new List<PriceListLine>(skus.Count);
        foreach (var sku in skus)
        {
            if (_priceIndex.TryGetValue(sku, out var line))
            {
                lines.Add(line);
            }
        }

        return Task.FromResult<OrderingTerms?>(new OrderingTerms(state.State.Status, current with { Lines = lines }, state.State.InventoryPolicy));
    }

    /// <inheritdoc />
    public async Task<InventoryPolicy> SetInventoryPolicyAsync(InventoryPolicy policy)
    {
        EnsureExists();
        if (state.State.InventoryPolicy != policy)
        {
            var before = state.State.InventoryPolicy;
            state.State.InventoryPolicy = policy;
            await state.WriteOrDeactivateAsync(this);
            await AuditAsync(AuditActions.InventoryPolicySet, edgeCaches: false,
                [new AuditChange("inventoryPolicy", before?.ToString(), policy.ToString())]);
        }

        return policy;
    }

    /// <inheritdoc />
    public Task<InventoryPolicy?> GetInventoryPolicyAsync() =>
        Task.FromResult(state.RecordExists ? state.State.InventoryPolicy ?? InventoryPolicy.Default : null);

    /// <inheritdoc />
    public Task<PriceList?> GetCurrentPriceListAsync()
    {
        var version = state.RecordExists ? state.State.CurrentPriceListVersion : null;
        return Task.FromResult(version is null ? null : state.State.PriceLists[version]);
    }

    /// <summary>
    /// Tells the cluster's change log first when the API edge caches what changed (a revoked key must stop working
    /// within a poll interval; a failure here fails the call, and its retry tells it again), then appends to the audit
    /// log with the actor and correlation ID of the request. The change is stored by then, so a failed append does not
    /// fail the call (the operator would lose, say, a new key shown only once): the entry is logged as an error instead.
    /// </summary>
    private async Task AuditAsync(string action, bool edgeCaches, IReadOnlyList<AuditChange> changes)
    {
        if (edgeCaches)
        {
            await ChangedAsync();
        }

        var actor = RequestContext.Get(DistributionNames.ActorKey) as string ?? "system";
        var correlationId = RequestContext.Get(DistributionNames.CorrelationIdKey) as string;
        try
        {
            await GrainFactory.GetGrain<IPartnerAuditGrain>(PartnerId).AppendAsync(actor, action, changes, correlationId);
        }
        catch (Exception exception)
        {
            LogAuditLost(logger, exception, PartnerId, action, actor, string.Join("; ", changes.Select(c => $"{c.Field}: {c.Before} -> {c.After}")), correlationId);
        }
    }

    private Task ChangedAsync() => GrainFactory.GetGrain<IPartnerChangesGrain>(IPartnerChangesGrain.Key).ChangedAsync(PartnerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry not stored for partner {PartnerId}: {Action} by {Actor} ({Changes}), correlation {CorrelationId}")]
    private static partial void LogAuditLost(ILogger logger, Exception exception, string partnerId, string action, string actor, string changes, string? correlationId);

    private static ApiKeyEntry NewKey(string keyHash, string? last4, DateTimeOffset now) => new()
    {
        KeyId = $"key_{Guid.NewGuid():N}"[..20],
        KeyHash = keyHash,
        Last4 = last4,
        CreatedAt = now,
    };

    private List<string> ActiveHashes() => [.. state.State.Keys.Where(key => key.RevokedAt is null).Select(key => key.KeyHash)];

    private static PartnerKey ToKey(ApiKeyEntry key) => new(key.KeyId, key.Last4, key.CreatedAt, key.RevokedAt);

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static bool SameContent(PriceList a, PriceList b) =>
        a.Currency == b.Currency && a.Lines.SequenceEqual(b.Lines);

    private void EnsureExists()
    {
        if (!state.RecordExists)
        {
            throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.PartnerNotFound,
                $"Partner '{PartnerId}' does not exist.");
        }
    }

    private PartnerProfile ToProfile() => new(
        PartnerId,
        state.State.Name,
        state.State.Status,
        state.State.RateLimitPerSecond,
        state.State.CurrentPriceListVersion,
        state.State.CreatedAt,
        state.State.Burst ?? state.State.RateLimitPerSecond,
        state.State.DailyQuota);
}
