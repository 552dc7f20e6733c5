namespace OrleansDistribution.Abstractions.Orders;

/// <summary>A business exception holding an order: what went wrong, at which step, and how often it was tried.</summary>
[GenerateSerializer, Immutable]
[Alias("OrderException")]
public sealed record OrderException(
    [property: Id(0)] string ExceptionId,
    [property: Id(1)] string Type,
    [property: Id(2)] string Step,
    [property: Id(3)] int Attempts,
    [property: Id(4)] string LastError,
    [property: Id(5)] string CorrelationId,
    [property: Id(6)] DateTimeOffset RaisedAt);
