namespace OrleansDistribution.Api.Contracts;

/// <summary>A partner's webhook endpoints, oldest first.</summary>
public sealed record WebhookListResponse(IReadOnlyList<WebhookResponse> Items);
