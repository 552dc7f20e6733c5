namespace OrleansDistribution.Abstractions.Webhooks;

/// <summary>What a partner registers: where to deliver, and which event types.</summary>
[GenerateSerializer, Immutable]
[Alias("WebhookSubscription")]
public sealed record WebhookSubscription(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> Events);
