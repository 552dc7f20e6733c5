namespace OrleansDistribution.Domain.Webhooks;

/// <summary>What to do about an event whose delivery attempt just failed: retry it at <see cref="RetryAt"/>, or park it.</summary>
/// <param name="Park">True when the retry window is spent: the event becomes a WebhookDeliveryFailed exception.</param>
/// <param name="RetryAt">When to try again; meaningless when parked.</param>
public readonly record struct WebhookRetryDecision(bool Park, DateTimeOffset RetryAt)
{
    /// <summary>Give up on the event.</summary>
    public static WebhookRetryDecision Parked => new(true, default);

    /// <summary>Try again at <paramref name="at"/>.</summary>
    public static WebhookRetryDecision RetryOn(DateTimeOffset at) => new(false, at);
}
