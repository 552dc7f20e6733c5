using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>
/// The result of replaying an exception's failed step. For an exception about a SKU (a drift re-checked against the
/// ERP) <see cref="Sku"/> is set, for an event redelivered to a webhook endpoint <see cref="WebhookId"/>; then
/// <see cref="OrderId"/> is empty and <see cref="Status"/> means nothing.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("RetryOutcome")]
public sealed record RetryOutcome(
    [property: Id(0)] string ExceptionId,
    [property: Id(1)] string OrderId,
    [property: Id(2)] bool Succeeded,
    [property: Id(3)] OrderStatus Status,
    [property: Id(4)] string Detail)
{
    /// <summary>The SKU of an exception about a SKU; null for an order's.</summary>
    [Id(5)] public string? Sku { get; init; }

    /// <summary>The webhook endpoint of a WebhookDeliveryFailed that was redelivered; null otherwise.</summary>
    [Id(6)] public string? WebhookId { get; init; }
}
