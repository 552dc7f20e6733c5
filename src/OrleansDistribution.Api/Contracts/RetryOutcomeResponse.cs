using System.Text.Json.Serialization;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// What replaying an exception did: for an order's, the order and its status after the replay; for a SKU's (an
/// InventoryDrift re-checked against the ERP), the <c>sku</c> instead; for a redelivered WebhookDeliveryFailed, the
/// <c>webhookId</c>. <c>succeeded</c> false says why in <c>detail</c>.
/// </summary>
public sealed record RetryOutcomeResponse(
    string ExceptionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrderId,
    bool Succeeded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OrderStatus? Status,
    string Detail)
{
    /// <summary>The SKU of an exception about a SKU.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sku { get; init; }

    /// <summary>The webhook endpoint of a redelivered WebhookDeliveryFailed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WebhookId { get; init; }

    /// <summary>Maps a grain's outcome.</summary>
    public static RetryOutcomeResponse From(RetryOutcome outcome) => outcome switch
    {
        { Sku: { } sku } => new(outcome.ExceptionId, null, outcome.Succeeded, null, outcome.Detail) { Sku = sku },
        { WebhookId: { } webhookId } => new(outcome.ExceptionId, null, outcome.Succeeded, null, outcome.Detail) { WebhookId = webhookId },
        _ => new(outcome.ExceptionId, outcome.OrderId, outcome.Succeeded, outcome.Status, outcome.Detail),
    };
}
