namespace OrleansDistribution.Abstractions.Webhooks;

/// <summary>What one delivery attempt came to; the names are part of the public contract.</summary>
[GenerateSerializer]
[Alias("WebhookAttemptOutcome")]
public enum WebhookAttemptOutcome
{
    /// <summary>The endpoint answered 2xx: the event is delivered.</summary>
    Delivered = 0,

    /// <summary>Not delivered (another status, a timeout, no connection); the event is retried later.</summary>
    Failed = 1,

    /// <summary>Not delivered, and the retry window is spent: the event is parked as a WebhookDeliveryFailed exception.</summary>
    Parked = 2,
}
