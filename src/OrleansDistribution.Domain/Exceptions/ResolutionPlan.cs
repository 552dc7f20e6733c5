namespace OrleansDistribution.Domain.Exceptions;

/// <summary>What resolving or retrying an exception does to its order.</summary>
public enum ResolutionPlan
{
    /// <summary>Run the failed step again; the workflow continues when it succeeds.</summary>
    RunFailedStepAgain,

    /// <summary>Treat the failed step as done by hand and continue after it.</summary>
    ContinueAfterFailedStep,

    /// <summary>Cancel the order (with compensation).</summary>
    Cancel,

    /// <summary>Treat the compensation as done by hand and finish the cancellation.</summary>
    FinishCancellation,

    /// <summary>Close a warning; the order keeps its status.</summary>
    Acknowledge,

    /// <summary>Not a meaningful action for this exception.</summary>
    NotAllowed,
}
