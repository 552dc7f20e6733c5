using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Partners;

/// <summary>Resolves a hashed API key to its partner, so the edge never needs a scan.</summary>
public sealed class ApiKeyIndexGrain(
    [PersistentState("apikey", DistributionNames.Storage)] IPersistentState<ApiKeyIndexState> state) : Grain, IApiKeyIndexGrain
{
    /// <inheritdoc />
    public async Task BindAsync(string partnerId)
    {
        if (state.State.PartnerId == partnerId)
        {
            return;
        }

        if (state.State.PartnerId is not null)
        {
            // 256-bit random keys do not collide; this guards against a caller reusing a key on purpose.
            throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.PartnerExists, "This API key is already in use.");
        }

        state.State.PartnerId = partnerId;
        await state.WriteOrDeactivateAsync(this);
    }

    /// <inheritdoc />
    public async Task UnbindAsync(string partnerId)
    {
        if (state.State.PartnerId != partnerId)
        {
            return;
        }

        await state.ClearStateAsync();
        state.State.PartnerId = null;
        // Like an unknown key: nothing to keep in memory for it.
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public Task<string?> ResolveAsync()
    {
        if (state.State.PartnerId is null)
        {
            // An unknown key (a typo, or a client spraying random keys): nothing to keep in memory for it.
            DeactivateOnIdle();
        }

        return Task.FromResult(state.State.PartnerId);
    }
}
