namespace OrleansDistribution.Integration.Ports;

/// <summary>
/// Delivers one webhook message over HTTP, signed the Standard Webhooks way, through the endpoint's own circuit. It
/// reports what happened and never throws for an endpoint's failure: whether to retry, when, or to park the event is
/// the caller's decision.
/// </summary>
public interface IWebhookSender
{
    /// <summary>Makes one attempt (none when the endpoint's circuit is open) and says how it went.</summary>
    Task<WebhookSendResult> SendAsync(WebhookMessage message, CancellationToken cancellationToken);
}
