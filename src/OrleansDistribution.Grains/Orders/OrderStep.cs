namespace OrleansDistribution.Grains.Orders;

/// <summary>Names of the asynchronous workflow steps, as they appear in exceptions and idempotency keys.</summary>
internal static class OrderStep
{
    public const string ErpCommit = "erp-commit";
    public const string WarehouseRelease = "warehouse-release";
    public const string ErpCancel = "erp-cancel";
    public const string WarehouseCancel = "warehouse-cancel";
    public const string CustomerCheck = "customer-check";
}
