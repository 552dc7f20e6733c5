using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Partners;

/// <summary>A trading partner's profile, standing, quota and contract price lists.</summary>
public sealed class PartnerGrain(
    [PersistentState("partner", DistributionNames.Storage)] IPersistentState<PartnerState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock) : Grain, IPartnerGrain
{
    private Dictionary<string, PriceListLine>? _priceIndex;
    private string? _priceIndexVersion;

    /// <inheritdoc />
    public async Task<PartnerProfile> RegisterAsync(PartnerRegistration registration)
    {
        if (state.RecordExists)
        {
            throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.PartnerExists,
                $"Partner '{this.GetPrimaryKeyString()}' already exists.");
        }

        // Bind the key first: a partner record without a resolvable key could never call in.
        await GrainFactory.GetGrain<IApiKeyIndexGrain>(registration.ApiKeyHash).BindAsync(this.GetPrimaryKeyString());

        state.State = new PartnerState
        {
            Name = registration.Name,
            Status = PartnerStatus.Active,
            RateLimitPerSecond = registration.RateLimitPerSecond,
            ApiKeyHashes = [registration.ApiKeyHash],
            CreatedAt = clock.GetUtcNow(),
        };
        await state.WriteOrDeactivateAsync(this);
        return ToProfile();
    }

    /// <inheritdoc />
    public Task<PartnerProfile?> GetProfileAsync() =>
        Task.FromResult(state.RecordExists ? ToProfile() : null);

    /// <inheritdoc />
    public async Task<PartnerProfile> SetStatusAsync(PartnerStatus status)
    {
        EnsureExists();
        if (state.State.Status != status)
        {
            state.State.Status = status;
            await state.WriteOrDeactivateAsync(this);
        }

        return ToProfile();
    }

    /// <inheritdoc />
    public async Task<PriceList> SetPriceListAsync(PriceList priceList)
    {
        EnsureExists();
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
        }

        state.State.CurrentPriceListVersion = priceList.Version;
        await state.WriteOrDeactivateAsync(this);
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
        if (!state.RecordExists)
        {
            throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.PartnerNotFound, $"Partner '{this.GetPrimaryKeyString()}' does not exist.");
        }

        if (state.State.InventoryPolicy != policy)
        {
            state.State.InventoryPolicy = policy;
            await state.WriteOrDeactivateAsync(this);
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

    private static bool SameContent(PriceList a, PriceList b) =>
        a.Currency == b.Currency && a.Lines.SequenceEqual(b.Lines);

    private void EnsureExists()
    {
        if (!state.RecordExists)
        {
            throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.PartnerNotFound,
                $"Partner '{this.GetPrimaryKeyString()}' does not exist.");
        }
    }

    private PartnerProfile ToProfile() => new(
        this.GetPrimaryKeyString(),
        state.State.Name,
        state.State.Status,
        state.State.RateLimitPerSecond,
        state.State.CurrentPriceListVersion,
        state.State.CreatedAt);
}
