using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Domain.Orders;

namespace OrleansDistribution.Domain.Exceptions;

/// <summary>What retrying and resolving an exception mean, by the step it was raised at.</summary>
public static class ExceptionRules
{
    /// <summary>The plan for a retry (replay of the failed step).</summary>
    public static ResolutionPlan ForRetry(string step) =>
        OrderSteps.IsAdvisory(step) ? ResolutionPlan.NotAllowed : ResolutionPlan.RunFailedStepAgain;

    /// <summary>The plan for an operator's manual resolution.</summary>
    public static ResolutionPlan ForResolution(string step, ExceptionAction action) => (action, step) switch
    {
        (ExceptionAction.Cancel, _) when OrderSteps.IsCompensation(step) => ResolutionPlan.RunFailedStepAgain,
        (ExceptionAction.Cancel, _) => ResolutionPlan.Cancel,
        (_, _) when OrderSteps.IsAdvisory(step) => ResolutionPlan.Acknowledge,
        (ExceptionAction.Skip, OrderSteps.Reservation) => ResolutionPlan.NotAllowed, // would promise stock nobody has
        (ExceptionAction.Skip, _) when OrderSteps.IsCompensation(step) => ResolutionPlan.FinishCancellation,
        (ExceptionAction.Skip, _) => ResolutionPlan.ContinueAfterFailedStep,
        (ExceptionAction.Release, _) => ResolutionPlan.RunFailedStepAgain,
        _ => ResolutionPlan.NotAllowed,
    };
}
