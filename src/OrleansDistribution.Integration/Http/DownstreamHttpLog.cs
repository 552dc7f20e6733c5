using Microsoft.Extensions.Logging;

namespace OrleansDistribution.Integration.Http;

/// <summary>Logs of the HTTP adapters and their resilience pipelines.</summary>
internal static partial class DownstreamHttpLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{System} {Operation} for order {OrderId}: attempt {Attempt} failed ({Outcome}); retrying in {DelayMs} ms (correlation {CorrelationId})")]
    public static partial void RetryScheduled(ILogger logger, string system, string operation, string orderId, int attempt, string outcome, double delayMs, string correlationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{System} {Operation} for order {OrderId} succeeded with {Status} on attempt {Attempt} (correlation {CorrelationId})")]
    public static partial void CallSucceeded(ILogger logger, string system, string operation, string orderId, int status, int attempt, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{System} refused {Operation} for order {OrderId} with {Status} on attempt {Attempt}: {Reason} (correlation {CorrelationId})")]
    public static partial void CallRejected(ILogger logger, string system, string operation, string orderId, int status, int attempt, string reason, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{System} {Operation} for order {OrderId} unavailable after attempt {Attempt}: {Reason} (correlation {CorrelationId})")]
    public static partial void CallUnavailable(ILogger logger, string system, string operation, string orderId, int attempt, string reason, string correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{System} circuit opened for {BreakMs} ms; calls fail fast. Last failure, on order {OrderId} attempt {Attempt}: {Reason}")]
    public static partial void CircuitOpened(ILogger logger, string system, double breakMs, string orderId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{System} circuit re-opened for {BreakMs} ms: the probe for order {OrderId} failed: {Reason}")]
    public static partial void CircuitReopened(ILogger logger, string system, double breakMs, string orderId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{System} circuit half-open: the call for order {OrderId} probes the dependency")]
    public static partial void CircuitHalfOpened(ILogger logger, string system, string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{System} circuit closed: the probe for order {OrderId} succeeded")]
    public static partial void CircuitClosed(ILogger logger, string system, string orderId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reporting the {System} circuit state to the dependency health reporter failed")]
    public static partial void ReportFailed(ILogger logger, Exception exception, string system);
}
