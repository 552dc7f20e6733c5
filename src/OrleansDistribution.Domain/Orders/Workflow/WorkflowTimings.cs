namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>The timings the workflow decides with (the grain maps its options onto these).</summary>
public sealed record WorkflowTimings
{
    /// <summary>Delay before the first asynchronous step after acceptance.</summary>
    public TimeSpan FirstStepDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Wait after the first failed attempt of a step; doubled after each further failure (with jitter).</summary>
    public TimeSpan StepRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts, also while the dependency's circuit is open.</summary>
    public TimeSpan MaxStepRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the warehouse release may keep failing as unavailable before the order is held (the ERP commit's bound is its SLA).</summary>
    public TimeSpan WarehouseReleaseWithin { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>SLA of the ERP commit.</summary>
    public TimeSpan ErpCommitWithin { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>SLA of the shipment after the warehouse release.</summary>
    public TimeSpan ShipWithin { get; init; } = TimeSpan.FromHours(48);

    /// <summary>
    /// How long an order with pending work may stay silent before the sweeper wakes it: a live order
    /// writes long before that; one whose silo died is resumed by the sweeper.
    /// </summary>
    public TimeSpan ResumeAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a backordered or held order may make no progress (no timeline entry) before it expires: it is
    /// cancelled and its stock released, with a timeline entry. Accepted orders never expire.
    /// </summary>
    public TimeSpan HoldExpiry { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long an Idempotency-Key stays bound to the first response.</summary>
    public TimeSpan IdempotencyRetention { get; init; } = TimeSpan.FromDays(7);
}
