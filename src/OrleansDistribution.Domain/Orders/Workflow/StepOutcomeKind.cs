namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>How a step's downstream call ended.</summary>
public enum StepOutcomeKind
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>Transient failure: the step is retried.</summary>
    Unavailable,

    /// <summary>Business refusal: the order is held at once.</summary>
    Rejected,
}
