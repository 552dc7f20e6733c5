namespace OrleansDistribution.Abstractions.Webhooks;

/// <summary>
/// The webhook endpoints of one partner (at most 10): registers, lists and deletes them, so the limit and the list
/// have a single writer. Key: partner ID.
/// </summary>
public interface IPartnerWebhooksGrain : IGrainWithStringKey
{
    /// <summary>Registers a new endpoint; its secret is in the answer and nowhere else.</summary>
    Task<WebhookRegistration> RegisterAsync(WebhookSubscription subscription);

    /// <summary>The partner's endpoints, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<WebhookEndpoint>> ListAsync();

    /// <summary>Deletes one of the partner's endpoints; one it does not have is a not-found refusal.</summary>
    Task DeleteAsync(string webhookId);
}
