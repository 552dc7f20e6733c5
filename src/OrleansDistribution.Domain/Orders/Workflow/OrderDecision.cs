namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>The decider's answer: the new record (persist it when <see cref="Changed"/>), then the effects.</summary>
public sealed record OrderDecision(OrderRecord State, OrderEffects Effects, bool Changed)
{
    /// <summary>Nothing to do.</summary>
    public static OrderDecision Unchanged(OrderRecord state) => new(state, OrderEffects.None, false);
}
