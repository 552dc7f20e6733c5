using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>One row of the workflow table.</summary>
/// <param name="Name">Step name: keys outbound idempotency ("{orderId}:{name}") and exceptions.</param>
/// <param name="From">Status the step runs in.</param>
/// <param name="To">Status once it succeeded.</param>
/// <param name="Port">The downstream call it makes.</param>
/// <param name="UnavailableType">Exception when the dependency stays unavailable.</param>
/// <param name="RejectedType">Exception when the dependency refuses for a business reason.</param>
/// <param name="Sla">The SLA clock that runs while the step is pending, if any.</param>
/// <param name="CompensatedBy">The step that undoes this one on cancellation, if any.</param>
/// <param name="Done">How the step's result reads on the timeline ("Committed in ERP as {0}.").</param>
/// <param name="GiveUpWithin">
/// How long the step may keep failing as unavailable (retried with backoff, waiting while the circuit is open)
/// before the order is held for a person, from its first failure; when the step's SLA clock runs, its deadline
/// comes first. Null: the first failure holds the order (compensations).
/// </param>
public sealed record WorkflowStep(
    string Name,
    OrderStatus From,
    OrderStatus To,
    StepPort Port,
    string UnavailableType,
    string RejectedType,
    WorkflowSla? Sla,
    string? CompensatedBy,
    string Done,
    Func<WorkflowTimings, TimeSpan>? GiveUpWithin = null);
