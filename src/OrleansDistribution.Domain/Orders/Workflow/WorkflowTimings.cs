namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>The timings the workflow decides with (the grain maps its options onto these).</summary>
public sealed record WorkflowTimings
{
    /// <summary>Delay before the first asynchronous step after acceptance.</summary>
    public TimeSpan FirstStepDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Wait between attempts of a failed step.</summary>
    public TimeSpan StepRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts of one step before the order goes OnHold.</summary>
    public int MaxStepAttempts { get; init; } = 5;

    /// <summary>SLA of the ERP commit.</summary>
    public TimeSpan ErpCommitWithin { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>SLA of the shipment after the warehouse release.</summary>
    public TimeSpan ShipWithin { get; init; } = TimeSpan.FromHours(48);

    /// <summary>
    /// How long an order with pending work may stay silent before the sweeper wakes it: a live order
    /// writes long before that; one whose silo died is resumed by the sweeper.
    /// </summary>
    public TimeSpan ResumeAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an Idempotency-Key stays bound to the first response.</summary>
    public TimeSpan IdempotencyRetention { get; init; } = TimeSpan.FromDays(7);
}
