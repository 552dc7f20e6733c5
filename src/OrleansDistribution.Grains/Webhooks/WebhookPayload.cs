using System.Text.Json;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Events;

namespace OrleansDistribution.Grains.Webhooks;

/// <summary>
/// The body of a webhook: the Standard Webhooks payload <c>{ "type", "timestamp", "data" }</c>, where <c>type</c> is the
/// event type, <c>timestamp</c> when the event happened, and <c>data</c> the event as the API serializes it elsewhere
/// (<see cref="EventJson"/>: camelCase, enums as names), the same object SSE and the feed carry.
/// </summary>
public static class WebhookPayload
{
    /// <summary>The JSON body for <paramref name="distributionEvent"/>.</summary>
    public static string Serialize(DistributionEvent distributionEvent) =>
        JsonSerializer.Serialize(new Envelope(distributionEvent.EventType, distributionEvent.At, distributionEvent), EventJson.Options);

    // Data is typed object, so the serializer writes the event's runtime type with all its fields.
    private sealed record Envelope(string Type, DateTimeOffset Timestamp, object Data);
}
