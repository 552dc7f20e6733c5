namespace OrleansDistribution.Grains.Workflow;

/// <summary>How orders drive themselves after acceptance (configuration section "Distribution:Workflow").</summary>
public sealed class WorkflowOptions
{
    /// <summary>Delay before the first asynchronous step after acceptance.</summary>
    public TimeSpan FirstStepDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Wait after a step's first failed attempt; doubled after each further failure, with jitter.</summary>
    public TimeSpan StepRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts of a failing step, and between checks while its dependency's circuit is open.</summary>
    public TimeSpan MaxStepRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the warehouse release may keep failing as unavailable before the order goes OnHold (WarehouseUnavailable).</summary>
    public TimeSpan WarehouseReleaseWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long an order with pending work may stay silent before the sweeper resumes it (its silo died),
    /// and the period of the sweeper's own durable reminder.
    /// </summary>
    public TimeSpan ResumeCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// SLA: an accepted order not committed in the ERP within this raises ErpUnavailable: the order goes OnHold
    /// when its commit was failing, otherwise (not yet tried, held for another cause) a warning is filed once.
    /// </summary>
    public TimeSpan ErpCommitWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>SLA: a released order not shipped within this raises ShipmentOverdue (a warning, once).</summary>
    public TimeSpan ShipWithin { get; set; } = TimeSpan.FromHours(48);

    /// <summary>The shortest reminder period the workflow needs (Orleans refuses shorter ones unless configured).</summary>
    public TimeSpan ShortestReminderPeriod => ResumeCheckPeriod;

    /// <summary>
    /// How long a stock operation may stay unconfirmed by its order before the SKU asks the order what its
    /// record says (the order crashed between reserving and recording it).
    /// </summary>
    public TimeSpan InDoubtTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A backordered or held order that makes no progress (no timeline entry) for this long expires: it is cancelled
    /// and its stock released, with a timeline entry. Zero turns expiry off. Accepted orders never expire.
    /// </summary>
    public TimeSpan HoldExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long an Idempotency-Key stays bound to its order's first response (then the key is free again).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the sweeper looks for orders whose pending work was cut off (their silo died).</summary>
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a silo remembers the ERP's answer about a customer at acceptance (zero: ask every time).</summary>
    public TimeSpan CustomerStandingCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The timings the workflow decider works with.</summary>
    public Domain.Orders.Workflow.WorkflowTimings Timings => new()
    {
        FirstStepDelay = FirstStepDelay,
        StepRetryDelay = StepRetryDelay,
        MaxStepRetryDelay = MaxStepRetryDelay,
        WarehouseReleaseWithin = WarehouseReleaseWithin,
        ErpCommitWithin = ErpCommitWithin,
        ShipWithin = ShipWithin,
        ResumeAfter = ResumeCheckPeriod,
        IdempotencyRetention = IdempotencyRetention,
        HoldExpiry = HoldExpiry,
    };

    /// <summary>Time budget of one downstream call.</summary>
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
