using OrleansDistribution.Abstractions.Webhooks;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// An endpoint's delivery log: its most recent attempts (up to 200), newest first, each with the event, the attempt
/// number, the outcome (Delivered, Failed: retried later, Parked: filed as WebhookDeliveryFailed), the HTTP status
/// (none when no answer came) and the latency.
/// </summary>
public sealed record WebhookDeliveryListResponse(string WebhookId, IReadOnlyList<WebhookDeliveryAttempt> Items);
