using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Webhooks;
using OrleansDistribution.Grains.Storage;
using OrleansDistribution.Integration.Webhooks;

namespace OrleansDistribution.Grains.Webhooks;

/// <summary>
/// A partner's webhook endpoints: the single writer of the list and of its limit. A new ID is written to the list
/// before its endpoint grain registers, so a crash in between leaves an ID that names nothing (skipped when listing,
/// dropped on the next registration), never an endpoint that delivers but cannot be listed or deleted.
/// </summary>
public sealed class PartnerWebhooksGrain(
    [PersistentState("partner-webhooks", DistributionNames.Storage)] IPersistentState<PartnerWebhooksState> state,
    IOptions<WebhookOptions> options) : Grain, IPartnerWebhooksGrain
{
    /// <summary>Most endpoints one partner may register.</summary>
    public const int MaxEndpoints = 10;

    private string PartnerId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<WebhookRegistration> RegisterAsync(WebhookSubscription subscription)
    {
        // Refused before anything is written.
        if (WebhookUrls.Problem(subscription.Url, options.Value.AllowPrivateNetworks) is { } problem)
        {
            throw new RuleViolationException(RuleViolationKind.Unprocessable, RuleCodes.WebhookUrlNotAllowed, problem);
        }

        var ids = state.State.WebhookIds;
        if (ids.Count >= MaxEndpoints)
        {
            var existing = await ExistingAsync();
            if (existing.Count >= MaxEndpoints)
            {
                throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.WebhookLimitReached,
                    $"Partner '{PartnerId}' has {existing.Count} webhook endpoints, the most there may be; delete one first.");
            }

            ids.RemoveAll(id => existing.All(endpoint => endpoint.WebhookId != id));
        }

        var webhookId = $"whk_{Guid.CreateVersion7():N}";
        ids.Add(webhookId);
        await state.WriteOrDeactivateAsync(this);
        return await GrainFactory.GetGrain<IWebhookEndpointGrain>(webhookId).RegisterAsync(PartnerId, subscription);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync() => await ExistingAsync();

    /// <inheritdoc />
    public async Task DeleteAsync(string webhookId)
    {
        if (!state.State.WebhookIds.Contains(webhookId))
        {
            throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.WebhookNotFound, $"Webhook '{webhookId}' does not exist.");
        }

        await GrainFactory.GetGrain<IWebhookEndpointGrain>(webhookId).DeleteAsync();
        state.State.WebhookIds.Remove(webhookId);
        await state.WriteOrDeactivateAsync(this);
    }

    private async Task<List<WebhookEndpoint>> ExistingAsync()
    {
        var endpoints = await Task.WhenAll(state.State.WebhookIds.Select(id => GrainFactory.GetGrain<IWebhookEndpointGrain>(id).GetAsync()));
        return [.. endpoints.OfType<WebhookEndpoint>()];
    }
}
