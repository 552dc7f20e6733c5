using OrleansDistribution.Abstractions.Exceptions;

namespace OrleansDistribution.Abstractions.Webhooks;

/// <summary>
/// One registered webhook endpoint: it reads its partner's feed and delivers the subscribed events to the endpoint,
/// signed, in order, at least once, retrying a failing event for up to a day before parking it as a
/// WebhookDeliveryFailed exception. Key: the webhook ID.
/// </summary>
public interface IWebhookEndpointGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the endpoint for <paramref name="partnerId"/>, starting at the current end of the partner's feed, and
    /// returns it with its new secret; repeating the same registration returns the same answer.
    /// </summary>
    Task<WebhookRegistration> RegisterAsync(string partnerId, WebhookSubscription subscription);

    /// <summary>The endpoint and where its delivery stands, or null when there is none (never registered, or deleted).</summary>
    [AlwaysInterleave]
    Task<WebhookEndpoint?> GetAsync();

    /// <summary>The most recent delivery attempts, newest first (null when the endpoint does not exist).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<WebhookDeliveryAttempt>?> DeliveriesAsync();

    /// <summary>Stops delivery for good and forgets the endpoint; its parked exceptions are withdrawn. Deleting twice is harmless.</summary>
    Task DeleteAsync();

    /// <summary>Delivers a parked event once more, now; the exception is withdrawn when the endpoint takes it.</summary>
    Task<RetryOutcome> RetryParkedAsync(string exceptionId, string actor, string? note);

    /// <summary>Closes a parked event's exception without delivering it (the partner has it by other means).</summary>
    Task AcknowledgeParkedAsync(string exceptionId, string actor, string? note);
}
