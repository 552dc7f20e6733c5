namespace OrleansDistribution.Abstractions.Orders;

/// <summary>Business causes an order can be held for; the names are part of the public contract.</summary>
public static class OrderExceptionTypes
{
    /// <summary>Not enough available stock to reserve every line.</summary>
    public const string StockConstrained = "StockConstrained";

    /// <summary>The ERP could not be reached after retries (or the ERP commit is over its SLA).</summary>
    public const string ErpUnavailable = "ErpUnavailable";

    /// <summary>The ERP refused the order.</summary>
    public const string ErpRejected = "ErpRejected";

    /// <summary>The warehouse could not be reached after retries.</summary>
    public const string WarehouseUnavailable = "WarehouseUnavailable";

    /// <summary>The warehouse refused the release.</summary>
    public const string WarehouseRejected = "WarehouseRejected";

    /// <summary>The order's prices disagree with the contract (raised by pricing checks).</summary>
    public const string PricingMismatch = "PricingMismatch";

    /// <summary>A released order has not shipped within its SLA.</summary>
    public const string ShipmentOverdue = "ShipmentOverdue";

    /// <summary>The partner's data is unusable for a downstream system.</summary>
    public const string PartnerDataQuality = "PartnerDataQuality";

    /// <summary>Cancelling in the ERP or WMS failed; the order is not yet cancelled.</summary>
    public const string CompensationFailed = "CompensationFailed";

    /// <summary>Every type, in a stable order (one exception queue grain each).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        StockConstrained, ErpUnavailable, ErpRejected, WarehouseUnavailable, WarehouseRejected,
        PricingMismatch, ShipmentOverdue, PartnerDataQuality, CompensationFailed,
    ];
}
