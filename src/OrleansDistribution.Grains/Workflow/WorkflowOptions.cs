namespace OrleansDistribution.Grains.Workflow;

/// <summary>How orders drive themselves after acceptance (configuration section "Distribution:Workflow").</summary>
public sealed class WorkflowOptions
{
    /// <summary>Delay before the first asynchronous step after acceptance.</summary>
    public TimeSpan FirstStepDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Wait between attempts of a failed step.</summary>
    public TimeSpan StepRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts of one step before the order goes OnHold with an exception.</summary>
    public int MaxStepAttempts { get; set; } = 5;

    /// <summary>
    /// Period of the durable reminder an order holds while it has pending work: after a restart or a
    /// lost silo, the reminder reactivates the order within this time and the workflow resumes.
    /// </summary>
    public TimeSpan ResumeCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>SLA: an accepted order not committed in the ERP within this raises ErpUnavailable (a warning, once).</summary>
    public TimeSpan ErpCommitWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>SLA: a released order not shipped within this raises ShipmentOverdue (a warning, once).</summary>
    public TimeSpan ShipWithin { get; set; } = TimeSpan.FromHours(48);

    /// <summary>The shortest reminder period the workflow needs (Orleans refuses shorter ones unless configured).</summary>
    public TimeSpan ShortestReminderPeriod => new[] { ResumeCheckPeriod, ErpCommitWithin, ShipWithin }.Min();

    /// <summary>Time budget of one downstream call.</summary>
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
