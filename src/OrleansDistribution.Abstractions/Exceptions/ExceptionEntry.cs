namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>
/// One open exception in a queue: which order (or SKU), why, where, how often tried. An exception about a SKU
/// (<see cref="Sku"/> set, e.g. <see cref="ExceptionTypes.InventoryDrift"/>) has an empty <see cref="OrderId"/> and
/// <see cref="PartnerId"/>: it belongs to no order and no channel. An event a webhook endpoint did not take
/// (<see cref="WebhookId"/> and <see cref="EventId"/> set, <see cref="ExceptionTypes.WebhookDeliveryFailed"/>) has an empty
/// <see cref="OrderId"/> and the endpoint's partner.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("ExceptionEntry")]
public sealed record ExceptionEntry(
    [property: Id(0)] string ExceptionId,
    [property: Id(1)] string OrderId,
    [property: Id(2)] string PartnerId,
    [property: Id(3)] string Type,
    [property: Id(4)] string Step,
    [property: Id(5)] int Attempts,
    [property: Id(6)] string LastError,
    [property: Id(7)] string CorrelationId,
    [property: Id(8)] DateTimeOffset RaisedAt)
{
    /// <summary>The SKU the exception is about when its subject is a SKU; null for an order's exception.</summary>
    [Id(9)] public string? Sku { get; init; }

    /// <summary>The webhook endpoint that did not take the event, for a WebhookDeliveryFailed; null otherwise.</summary>
    [Id(10)] public string? WebhookId { get; init; }

    /// <summary>The event a webhook endpoint did not take (its <c>webhook-id</c>), for a WebhookDeliveryFailed; null otherwise.</summary>
    [Id(11)] public string? EventId { get; init; }
}
