using OrleansDistribution.Integration.Ports;
using Polly;

namespace OrleansDistribution.Integration.Http;

/// <summary>
/// One call to a downstream system as its resilience pipeline sees it. It rides in the call's
/// <see cref="ResilienceContext"/> so retry and circuit callbacks can log which order they are about.
/// </summary>
internal sealed class OutboundCall(string system, string operation, OutboundContext context)
{
    /// <summary>Where the call sits in <see cref="ResilienceContext.Properties"/>.</summary>
    public static readonly ResiliencePropertyKey<OutboundCall> Key = new("OrleansDistribution.OutboundCall");

    /// <summary>"erp" or "wms".</summary>
    public string System { get; } = system;

    /// <summary>The workflow step, as named in the idempotency key (e.g. "erp-commit").</summary>
    public string Operation { get; } = operation;

    /// <summary>The order the call is for.</summary>
    public string OrderId { get; } = OrderIdOf(context);

    /// <summary>The channel request's correlation ID.</summary>
    public string CorrelationId { get; } = context.CorrelationId;

    /// <summary>
    /// Attempts started so far. Written only by the retry callback, which runs between attempts of this
    /// one call, so it needs no synchronisation.
    /// </summary>
    public int Attempts { get; set; } = 1;

    /// <summary>The call riding in <paramref name="context"/>, if any.</summary>
    public static OutboundCall? Of(ResilienceContext context) =>
        context.Properties.TryGetValue(Key, out var call) ? call : null;

    /// <summary>
    /// The order ID in an idempotency key "{orderId}:{step}". The customer check takes no order
    /// parameter, but its key still names the order it is checked for.
    /// </summary>
    private static string OrderIdOf(OutboundContext context)
    {
        var separator = context.IdempotencyKey.LastIndexOf(':');
        return separator > 0 ? context.IdempotencyKey[..separator] : context.IdempotencyKey;
    }
}
