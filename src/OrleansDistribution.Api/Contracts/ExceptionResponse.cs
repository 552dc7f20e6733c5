using OrleansDistribution.Abstractions.Exceptions;

namespace OrleansDistribution.Api.Contracts;

/// <summary>An open exception as operators see it.</summary>
public sealed record ExceptionResponse(
    string ExceptionId, string OrderId, string PartnerId, string Type, string Step, int Attempts, string LastError, string CorrelationId, DateTimeOffset RaisedAt)
{
    /// <summary>Maps a queue entry.</summary>
    public static ExceptionResponse From(ExceptionEntry e) =>
        new(e.ExceptionId, e.OrderId, e.PartnerId, e.Type, e.Step, e.Attempts, e.LastError, e.CorrelationId, e.RaisedAt);
}
