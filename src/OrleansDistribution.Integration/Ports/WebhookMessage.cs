namespace OrleansDistribution.Integration.Ports;

/// <summary>One webhook request to make.</summary>
/// <param name="WebhookId">The endpoint (its circuit is its own).</param>
/// <param name="Url">Where to POST.</param>
/// <param name="Key">The signing key (the base64-decoded secret).</param>
/// <param name="MessageId">The <c>webhook-id</c>: the event's ID, the same on every attempt, for the receiver to de-duplicate.</param>
/// <param name="Body">The JSON body, exactly as signed and sent.</param>
public sealed record WebhookMessage(string WebhookId, Uri Url, byte[] Key, string MessageId, string Body);
