namespace OrleansDistribution.Api.Contracts;

/// <summary>The exception holding an order, if any.</summary>
public sealed record OrderExceptionResponse(string ExceptionId, string Type, string Step, int Attempts, string LastError, string CorrelationId, DateTimeOffset RaisedAt);
