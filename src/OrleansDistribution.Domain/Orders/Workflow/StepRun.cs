using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>A step the grain must run now, inline, and report back (an operator's replay, a cancellation's compensation).</summary>
/// <param name="Step">The step.</param>
/// <param name="Replaying">The exception being replayed, if this run is a replay: its ID and attempt count carry over.</param>
public sealed record StepRun(WorkflowStep Step, OrderException? Replaying);
