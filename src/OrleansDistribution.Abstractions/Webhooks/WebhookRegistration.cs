namespace OrleansDistribution.Abstractions.Webhooks;

/// <summary>A new endpoint with its signing secret: the only time the secret is handed out.</summary>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Secret">The Standard Webhooks secret, <c>whsec_</c> followed by the base64 of the key.</param>
[GenerateSerializer, Immutable]
[Alias("WebhookRegistration")]
public sealed record WebhookRegistration(
    [property: Id(0)] WebhookEndpoint Endpoint,
    [property: Id(1)] string Secret);
