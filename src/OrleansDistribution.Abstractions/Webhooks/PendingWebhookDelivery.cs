namespace OrleansDistribution.Abstractions.Webhooks;

/// <summary>The event an endpoint is retrying: later events wait behind it (delivery is in order).</summary>
[GenerateSerializer, Immutable]
[Alias("PendingWebhookDelivery")]
public sealed record PendingWebhookDelivery(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Cursor,
    [property: Id(2)] int Attempts,
    [property: Id(3)] DateTimeOffset NextAttemptAt,
    [property: Id(4)] string? LastError);
