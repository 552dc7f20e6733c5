using OrleansDistribution.Abstractions.Webhooks;
using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Grains.Webhooks;

/// <summary>Persisted state of one webhook endpoint. Additive changes only.</summary>
[GenerateSerializer]
[Alias("WebhookEndpointState.v1")]
public sealed class WebhookEndpointState
{
    /// <summary>The partner whose feed the endpoint receives.</summary>
    [Id(0)] public string PartnerId { get; set; } = "";

    /// <summary>Where events are POSTed.</summary>
    [Id(1)] public string Url { get; set; } = "";

    /// <summary>Subscribed event types.</summary>
    [Id(2)] public List<string> Events { get; set; } = [];

    /// <summary>The signing key. Kept as is: HMAC needs the key itself, so it cannot be stored hashed.</summary>
    [Id(3)] public byte[] Key { get; set; } = [];

    /// <summary>When the endpoint was registered.</summary>
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last feed position handled: delivered, parked, or not subscribed. Delivery goes on after it.</summary>
    [Id(5)] public FeedCursor Cursor { get; set; }

    /// <summary>The event being retried (later events wait behind it), or null.</summary>
    [Id(6)] public WebhookHeadDelivery? Head { get; set; }

    /// <summary>The first failure since the endpoint last took an event; the retry window runs from here.</summary>
    [Id(7)] public DateTimeOffset? FailingSince { get; set; }

    /// <summary>Events delivered so far.</summary>
    [Id(8)] public long Delivered { get; set; }

    /// <summary>Events parked so far.</summary>
    [Id(9)] public long Parked { get; set; }

    /// <summary>The most recent attempts, oldest first, at most the configured log size.</summary>
    [Id(10)] public List<WebhookDeliveryAttempt> Log { get; set; } = [];

    /// <summary>Why the last attempt that went out failed: what an event parked behind an open circuit reports.</summary>
    [Id(11)] public string? LastFailure { get; set; }
}
