namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>How a step's downstream call ended.</summary>
public enum StepOutcomeKind
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>Transient failure: the step is retried.</summary>
    Unavailable,

    /// <summary>Not attempted: the dependency is known to be down (open circuit); the step waits and is not counted as an attempt.</summary>
    Deferred,

    /// <summary>Business refusal: the order is held at once.</summary>
    Rejected,
}
