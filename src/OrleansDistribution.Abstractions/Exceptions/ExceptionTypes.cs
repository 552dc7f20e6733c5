using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>
/// Every exception queue: the causes an order is held for (<see cref="OrderExceptionTypes"/>) and those whose subject
/// is a SKU or a webhook delivery rather than an order. The names are part of the public contract.
/// </summary>
public static class ExceptionTypes
{
    /// <summary>A SKU's on-hand in the hub differs from the ERP's by more than the drift threshold (subject: the SKU).</summary>
    public const string InventoryDrift = "InventoryDrift";

    /// <summary>A webhook endpoint did not take an event within the retry window (subject: the endpoint and the event).</summary>
    public const string WebhookDeliveryFailed = "WebhookDeliveryFailed";

    /// <summary>Types whose exceptions are about a SKU, not an order.</summary>
    public static IReadOnlyList<string> AboutSkus { get; } = [InventoryDrift];

    /// <summary>Types whose exceptions are about an event a webhook endpoint did not take, not an order.</summary>
    public static IReadOnlyList<string> AboutWebhooks { get; } = [WebhookDeliveryFailed];

    /// <summary>Every type, in a stable order (one exception queue grain each): the order causes first.</summary>
    public static IReadOnlyList<string> All { get; } = [.. OrderExceptionTypes.All, .. AboutSkus, .. AboutWebhooks];
}
