namespace OrleansDistribution.Domain.Webhooks;

/// <summary>
/// The durable retry schedule of webhook deliveries (formula on <see cref="WebhookRetryPolicy"/>). The window is the
/// endpoint's, not the event's: it runs from the first failure since the endpoint last took an event, so an endpoint
/// that stays down parks its first event after <see cref="WebhookRetryPolicy.RetryFor"/> and every later one after a
/// single failed attempt, instead of spending another day on each.
/// </summary>
public static class WebhookRetrySchedule
{
    /// <summary>
    /// Decides after the <paramref name="attempts"/>-th failed attempt of an event (1 for the first), with the endpoint
    /// failing since <paramref name="failingSince"/>; <paramref name="random"/> is uniform in [0, 1) (the jitter).
    /// </summary>
    public static WebhookRetryDecision AfterFailure(WebhookRetryPolicy policy, int attempts, DateTimeOffset failingSince, DateTimeOffset now, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        if (now - failingSince >= policy.RetryFor)
        {
            return WebhookRetryDecision.Parked;
        }

        var retryAt = now + Delay(policy, attempts, random);
        // The last attempt falls at the end of the window, not a long backoff past it.
        var windowEnd = failingSince + policy.RetryFor;
        return WebhookRetryDecision.RetryOn(retryAt < windowEnd ? retryAt : windowEnd);
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt.</summary>
    public static TimeSpan Delay(WebhookRetryPolicy policy, int attempts, double random)
    {
        // 2^(n-1) overflows long before it matters; past 2^30 the cap has long applied.
        var exponential = policy.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(exponential, policy.MaxDelay.TotalMilliseconds);
        var factor = 1 - (policy.Jitter / 2) + (policy.Jitter * Math.Clamp(random, 0, 1));
        return TimeSpan.FromMilliseconds(capped * factor);
    }
}
