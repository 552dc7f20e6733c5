using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Abstractions.Webhooks;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/webhooks body: where to deliver the partner's events, and which types.</summary>
public sealed record RegisterWebhookRequest : IRequestExample<RegisterWebhookRequest>
{
    /// <summary>
    /// The absolute http(s) URL events are POSTed to. Loopback and private addresses are refused (422) unless the
    /// distributor allows private networks.
    /// </summary>
    [Required, StringLength(2048, MinimumLength = 1), Url]
    public string Url { get; init; } = "";

    /// <summary>Event types to deliver: OrderStatusChanged, AvailabilityChanged (at least one).</summary>
    [Required, MinLength(1), MaxLength(10), NoNullItems, OneOf(typeof(WebhookEventTypes))]
    public List<string>? Events { get; init; }

    /// <summary>The subscription the grains register, with the types spelled as the contract does.</summary>
    public WebhookSubscription ToSubscription() =>
        new(Url.Trim(), [.. (Events ?? []).Select(name => WebhookEventTypes.Canonical(name)!).Distinct(StringComparer.Ordinal)]);

    /// <inheritdoc />
    public static RegisterWebhookRequest Example { get; } = new()
    {
        Url = "https://hooks.example.com/orleans-distribution",
        Events = [WebhookEventTypes.OrderStatusChanged, WebhookEventTypes.AvailabilityChanged],
    };
}
