namespace OrleansDistribution.Domain.Webhooks;

/// <summary>
/// How long and how often a failing webhook event is retried. The wait after the n-th failed attempt is
/// <c>min(MaxDelay, BaseDelay × 2^(n−1)) × (1 − Jitter/2 + Jitter × u)</c> with <c>u</c> uniform in [0, 1): exponential
/// backoff with ±Jitter/2 of jitter, so endpoints that failed together do not all retry in the same second. Once an
/// endpoint has been failing for <see cref="RetryFor"/> the event is parked instead.
/// </summary>
/// <param name="BaseDelay">Wait after the first failed attempt (before jitter).</param>
/// <param name="MaxDelay">Longest wait between two attempts (before jitter).</param>
/// <param name="RetryFor">How long an endpoint may keep failing before its events are parked.</param>
/// <param name="Jitter">Width of the jitter as a share of the wait (0 none, 0.5 means ±25 %).</param>
public sealed record WebhookRetryPolicy(TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan RetryFor, double Jitter)
{
    /// <summary>The defaults: 5 s doubling up to 1 h, ±25 % jitter, for 24 h (about 33 attempts).</summary>
    public static WebhookRetryPolicy Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), TimeSpan.FromHours(24), 0.5);
}
