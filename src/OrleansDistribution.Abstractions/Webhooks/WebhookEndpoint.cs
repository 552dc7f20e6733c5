namespace OrleansDistribution.Abstractions.Webhooks;

/// <summary>A registered endpoint and where its delivery stands (never its secret).</summary>
/// <param name="WebhookId">The endpoint's ID ("whk_...").</param>
/// <param name="PartnerId">The partner whose feed it receives.</param>
/// <param name="Url">Where events are POSTed.</param>
/// <param name="Events">The subscribed event types.</param>
/// <param name="CreatedAt">When it was registered; events of the feed from then on are delivered.</param>
/// <param name="Delivered">Events delivered so far.</param>
/// <param name="Parked">Events parked as WebhookDeliveryFailed so far.</param>
/// <param name="Pending">The event being retried, if one is.</param>
/// <param name="FailingSince">Since when deliveries fail without one succeeding; null while the endpoint answers.</param>
[GenerateSerializer, Immutable]
[Alias("WebhookEndpoint")]
public sealed record WebhookEndpoint(
    [property: Id(0)] string WebhookId,
    [property: Id(1)] string PartnerId,
    [property: Id(2)] string Url,
    [property: Id(3)] IReadOnlyList<string> Events,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] long Delivered,
    [property: Id(6)] long Parked,
    [property: Id(7)] PendingWebhookDelivery? Pending,
    [property: Id(8)] DateTimeOffset? FailingSince);
