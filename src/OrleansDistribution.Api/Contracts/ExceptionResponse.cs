using System.Text.Json.Serialization;
using OrleansDistribution.Abstractions.Exceptions;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// An open exception as operators see it. <c>subject</c> says what it is about: an <c>order</c> (with its
/// <c>orderId</c> and <c>partnerId</c>) or a <c>sku</c> (with <c>sku</c>; <c>orderId</c> and <c>partnerId</c> are
/// null), such as an InventoryDrift, or a <c>webhook</c> (with <c>webhookId</c>, <c>eventId</c> and the endpoint's
/// <c>partnerId</c>; <c>orderId</c> is null): a WebhookDeliveryFailed.
/// </summary>
public sealed record ExceptionResponse(
    string ExceptionId, string? OrderId, string? PartnerId, string Type, string Step, int Attempts, string LastError, string CorrelationId, DateTimeOffset RaisedAt)
{
    /// <summary>The subject of an order's exception.</summary>
    public const string OrderSubject = "order";

    /// <summary>The subject of a SKU's exception.</summary>
    public const string SkuSubject = "sku";

    /// <summary>The subject of an event a webhook endpoint did not take.</summary>
    public const string WebhookSubject = "webhook";

    /// <summary><c>order</c>, <c>sku</c> or <c>webhook</c>: what the exception is about.</summary>
    public string Subject { get; init; } = OrderSubject;

    /// <summary>The SKU of an exception about a SKU.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sku { get; init; }

    /// <summary>The webhook endpoint of a WebhookDeliveryFailed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WebhookId { get; init; }

    /// <summary>The event the webhook endpoint did not take (its <c>webhook-id</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EventId { get; init; }

    /// <summary>Maps a queue entry.</summary>
    public static ExceptionResponse From(ExceptionEntry e) => e switch
    {
        { Sku: { } sku } => new(e.ExceptionId, null, null, e.Type, e.Step, e.Attempts, e.LastError, e.CorrelationId, e.RaisedAt) { Subject = SkuSubject, Sku = sku },
        { WebhookId: { } webhookId } => new(e.ExceptionId, null, e.PartnerId, e.Type, e.Step, e.Attempts, e.LastError, e.CorrelationId, e.RaisedAt)
        {
            Subject = WebhookSubject,
            WebhookId = webhookId,
            EventId = e.EventId,
        },
        _ => new(e.ExceptionId, e.OrderId, e.PartnerId, e.Type, e.Step, e.Attempts, e.LastError, e.CorrelationId, e.RaisedAt),
    };
}
