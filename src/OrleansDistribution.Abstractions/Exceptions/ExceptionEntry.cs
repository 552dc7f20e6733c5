namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>One open exception in a queue: which order, why, where, how often tried.</summary>
[GenerateSerializer, Immutable]
[Alias("ExceptionEntry")]
public sealed record ExceptionEntry(
    [property: Id(0)] string ExceptionId,
    [property: Id(1)] string OrderId,
    [property: Id(2)] string PartnerId,
    [property: Id(3)] string Type,
    [property: Id(4)] string Step,
    [property: Id(5)] int Attempts,
    [property: Id(6)] string LastError,
    [property: Id(7)] string CorrelationId,
    [property: Id(8)] DateTimeOffset RaisedAt);
