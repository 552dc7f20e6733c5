namespace OrleansDistribution.Abstractions.Orders;

/// <summary>The response to an idempotent submission: the order as first accepted, and whether this is a replay.</summary>
[GenerateSerializer, Immutable]
[Alias("IntakeResult")]
public sealed record IntakeResult([property: Id(0)] OrderSnapshot Order, [property: Id(1)] bool Replayed);
