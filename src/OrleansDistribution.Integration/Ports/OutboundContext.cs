namespace OrleansDistribution.Integration.Ports;

/// <summary>What every outbound call carries: the key that makes a retried call safe, and the correlation ID.</summary>
public sealed record OutboundContext(string IdempotencyKey, string CorrelationId)
{
    /// <summary>The idempotency key of one workflow step of one order.</summary>
    public static OutboundContext ForStep(string orderId, string step, string correlationId) =>
        new($"{orderId}:{step}", correlationId);
}
