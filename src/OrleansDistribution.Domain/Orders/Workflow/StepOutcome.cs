namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>What a downstream call of a step came back with.</summary>
/// <param name="Kind">Succeeded, unavailable (transient: retry) or rejected (a business refusal: hold at once).</param>
/// <param name="Detail">The downstream reference on success; the error or refusal reason otherwise.</param>
public sealed record StepOutcome(StepOutcomeKind Kind, string Detail)
{
    /// <summary>The step succeeded with this downstream reference.</summary>
    public static StepOutcome Succeeded(string reference) => new(StepOutcomeKind.Succeeded, reference);

    /// <summary>The dependency could not be reached or did not answer in time.</summary>
    public static StepOutcome Unavailable(string error) => new(StepOutcomeKind.Unavailable, error);

    /// <summary>The dependency refused for a business reason.</summary>
    public static StepOutcome Rejected(string reason) => new(StepOutcomeKind.Rejected, reason);
}
