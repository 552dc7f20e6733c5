namespace OrleansDistribution.Grains.Webhooks;

/// <summary>Persisted list of a partner's webhook endpoints. Additive changes only.</summary>
[GenerateSerializer]
[Alias("PartnerWebhooksState.v1")]
public sealed class PartnerWebhooksState
{
    /// <summary>The endpoints' IDs, oldest first.</summary>
    [Id(0)] public List<string> WebhookIds { get; set; } = [];
}
