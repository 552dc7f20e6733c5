namespace OrleansDistribution.Integration.Webhooks;

/// <summary>
/// Webhook delivery settings (configuration section "Distribution:Webhooks"). Per endpoint the pipeline is: its own
/// circuit breaker, then the attempt timeout; retries are not Polly's in-memory ones but the endpoint grain's durable
/// schedule (<see cref="RetryBaseDelay"/> doubling up to <see cref="RetryMaxDelay"/>, with jitter, for
/// <see cref="RetryFor"/>), so a restart in the middle of a day of retries continues where it was.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Distribution:Webhooks";

    /// <summary>
    /// Let endpoints on loopback, private and link-local addresses register and receive deliveries. Off by default, so
    /// a partner cannot make the cluster call into the distributor's own network; on for local tests and demos.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Longest one delivery attempt may take before it counts as failed. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait after an event's first failed attempt; doubled after each further failure, with jitter. Default 5 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between two attempts. Default 1 h.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an endpoint may keep failing before its events are parked as WebhookDeliveryFailed. Default 24 h.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Width of the jitter as a share of the wait (0.5: ±25 %). Default 0.5.</summary>
    public double RetryJitter { get; set; } = 0.5;

    /// <summary>How often an idle endpoint looks for new events in its partner's feed. Default 500 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most events one endpoint delivers in one go before it writes its progress. Default 20.</summary>
    public int MaxDeliveriesPerPoll { get; set; } = 20;

    /// <summary>Delivery attempts each endpoint keeps in its log. Default 200.</summary>
    public int DeliveryLogSize { get; set; } = 200;

    /// <summary>Period of the durable reminder that brings an endpoint's delivery back after a silo restart. Default 1 minute.</summary>
    public TimeSpan ResumePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Share of failed attempts in the sampling window that opens an endpoint's circuit. Default 1 (all of them).</summary>
    public double CircuitFailureRatio { get; set; } = 1.0;

    /// <summary>Attempts the window must hold before the circuit can open (≥ 2). Default 3.</summary>
    public int CircuitMinimumThroughput { get; set; } = 3;

    /// <summary>Window over which the failure ratio is measured. Default 10 minutes.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an open circuit sends nothing before one probe. Default 1 minute.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>What is wrong with these settings, or null when they are usable.</summary>
    public string? Problem() =>
        AttemptTimeout <= TimeSpan.Zero ? "AttemptTimeout must be positive."
        : RetryBaseDelay <= TimeSpan.Zero ? "RetryBaseDelay must be positive."
        : RetryMaxDelay < RetryBaseDelay ? "RetryMaxDelay must be at least RetryBaseDelay."
        : RetryFor < TimeSpan.Zero ? "RetryFor must not be negative."
        : RetryJitter is < 0 or > 1 ? "RetryJitter must be between 0 and 1."
        : PollInterval < TimeSpan.FromMilliseconds(10) ? "PollInterval must be at least 10 ms."
        : MaxDeliveriesPerPoll is < 1 or > 1000 ? "MaxDeliveriesPerPoll must be between 1 and 1000."
        : DeliveryLogSize is < 1 or > 10_000 ? "DeliveryLogSize must be between 1 and 10000."
        : ResumePeriod < TimeSpan.FromSeconds(1) ? "ResumePeriod must be at least 1 s."
        : CircuitFailureRatio is <= 0 or > 1 ? "CircuitFailureRatio must be above 0 and at most 1."
        : CircuitMinimumThroughput < 2 ? "CircuitMinimumThroughput must be at least 2."
        : CircuitSamplingDuration < TimeSpan.FromMilliseconds(500) ? "CircuitSamplingDuration must be at least 500 ms."
        : CircuitBreakDuration < TimeSpan.FromMilliseconds(500) ? "CircuitBreakDuration must be at least 500 ms."
        : null;
}
