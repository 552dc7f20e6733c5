using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>
/// What the grain does after it persisted a decision, in this order: withdraw and file exceptions, announce
/// the new timeline entries, then run the step or reservation the decision asks for. Stock the order gives
/// back or deducts is not an effect but part of the record (<see cref="OrderRecord.PendingRelease"/>), so it
/// survives a crash.
/// </summary>
public sealed record OrderEffects
{
    /// <summary>No effects.</summary>
    public static readonly OrderEffects None = new();

    /// <summary>Timeline entries to announce as status events.</summary>
    public IReadOnlyList<TimelineEntry> Announce { get; init; } = [];

    /// <summary>Exceptions to take out of their queues.</summary>
    public IReadOnlyList<OrderException> Withdraw { get; init; } = [];

    /// <summary>An exception to file in its queue.</summary>
    public OrderException? File { get; init; }

    /// <summary>A step to run now and report with <see cref="OrderWorkflow.StepFinished"/>.</summary>
    public StepRun? RunNow { get; init; }

    /// <summary>Quantities to reserve again (a stock-constrained order's replay); report with <see cref="OrderWorkflow.Reserved"/>.</summary>
    public IReadOnlyDictionary<string, int>? ReserveNow { get; init; }

    /// <summary>The exception the reservation replays.</summary>
    public OrderException? ReserveReplaying { get; init; }
}
