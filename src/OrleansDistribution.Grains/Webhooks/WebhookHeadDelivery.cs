using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Grains.Webhooks;

/// <summary>
/// The attempt state of an endpoint's head event: which event, how often tried, and when next; durable, so a day of
/// backoff continues across restarts.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("WebhookHeadDelivery.v1")]
public sealed record WebhookHeadDelivery(
    [property: Id(0)] FeedCursor Cursor,
    [property: Id(1)] string EventId,
    [property: Id(2)] int Attempts,
    [property: Id(3)] DateTimeOffset NextAttemptAt,
    [property: Id(4)] string? LastError);
