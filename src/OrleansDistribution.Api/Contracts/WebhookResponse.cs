using System.Text.Json.Serialization;
using OrleansDistribution.Abstractions.Webhooks;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// A webhook endpoint and where its delivery stands. <c>secret</c> is only in the answer to its registration;
/// <c>pending</c> is the event being retried (later ones wait behind it), <c>failingSince</c> when deliveries started failing.
/// </summary>
public sealed record WebhookResponse(
    string WebhookId,
    string PartnerId,
    string Url,
    IReadOnlyList<string> Events,
    DateTimeOffset CreatedAt,
    long Delivered,
    long Parked,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PendingWebhookDelivery? Pending,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? FailingSince)
{
    /// <summary>The signing secret (<c>whsec_...</c>): shown once, in the answer to POST /v1/webhooks.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    /// <summary>Maps an endpoint.</summary>
    public static WebhookResponse From(WebhookEndpoint e) =>
        new(e.WebhookId, e.PartnerId, e.Url, e.Events, e.CreatedAt, e.Delivered, e.Parked, e.Pending, e.FailingSince);
}
