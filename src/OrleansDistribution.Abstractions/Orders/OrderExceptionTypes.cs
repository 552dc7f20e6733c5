namespace OrleansDistribution.Abstractions.Orders;

/// <summary>Business causes an order can be held for; the names are part of the public contract.</summary>
public static class OrderExceptionTypes
{
    /// <summary>Not enough available stock to reserve every line.</summary>
    public const string StockConstrained = "StockConstrained";

    /// <summary>The ERP could not be reached after retries.</summary>
    public const string ErpUnavailable = "ErpUnavailable";

    /// <summary>The ERP refused the order.</summary>
    public const string ErpRejected = "ErpRejected";

    /// <summary>The warehouse could not be reached after retries.</summary>
    public const string WarehouseUnavailable = "WarehouseUnavailable";

    /// <summary>The warehouse refused the release.</summary>
    public const string WarehouseRejected = "WarehouseRejected";
}
