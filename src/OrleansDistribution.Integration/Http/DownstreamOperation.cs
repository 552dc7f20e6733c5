namespace OrleansDistribution.Integration.Http;

/// <summary>
/// Names of the contract's calls in logs and resilience telemetry; the same words as the steps in the
/// idempotency keys (docs/integration-contract.md), so a log line and a key match when searched for.
/// </summary>
internal static class DownstreamOperation
{
    public const string CustomerCheck = "customer-check";
    public const string ErpCommit = "erp-commit";
    public const string ErpCancel = "erp-cancel";
    public const string StockSnapshot = "erp-stock-snapshot";
    public const string WarehouseRelease = "warehouse-release";
    public const string WarehouseCancel = "warehouse-cancel";
}
