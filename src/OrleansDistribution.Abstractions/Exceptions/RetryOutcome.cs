using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>The result of replaying an exception's failed step.</summary>
[GenerateSerializer, Immutable]
[Alias("RetryOutcome")]
public sealed record RetryOutcome(
    [property: Id(0)] string ExceptionId,
    [property: Id(1)] string OrderId,
    [property: Id(2)] bool Succeeded,
    [property: Id(3)] OrderStatus Status,
    [property: Id(4)] string Detail);
