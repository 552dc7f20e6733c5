namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>What a downstream call of a step came back with.</summary>
/// <param name="Kind">Succeeded, unavailable (transient: retry), deferred (not called: the dependency is known to be down) or rejected (a business refusal: hold at once).</param>
/// <param name="Detail">The downstream reference on success; the error or refusal reason otherwise.</param>
public sealed record StepOutcome(StepOutcomeKind Kind, string Detail)
{
    /// <summary>The step succeeded with this downstream reference.</summary>
    public static StepOutcome Succeeded(string reference) => new(StepOutcomeKind.Succeeded, reference);

    /// <summary>The dependency could not be reached or did not answer in time.</summary>
    public static StepOutcome Unavailable(string error) => new(StepOutcomeKind.Unavailable, error);

    /// <summary>No call was made: the dependency's circuit is open, so the step waits without using an attempt.</summary>
    public static StepOutcome Deferred(string reason) => new(StepOutcomeKind.Deferred, reason);

    /// <summary>The dependency refused for a business reason.</summary>
    public static StepOutcome Rejected(string reason) => new(StepOutcomeKind.Rejected, reason);
}
