namespace OrleansDistribution.Domain.Orders;

/// <summary>
/// Names of the workflow steps: they key outbound idempotency ("{orderId}:{step}") and name the step an
/// exception was raised at, which decides what retrying or resolving it means.
/// </summary>
public static class OrderSteps
{
    /// <summary>Checking the customer in the ERP at acceptance.</summary>
    public const string CustomerCheck = "customer-check";

    /// <summary>Reserving stock at acceptance.</summary>
    public const string Reservation = "reservation";

    /// <summary>Committing the order in the ERP.</summary>
    public const string ErpCommit = "erp-commit";

    /// <summary>Releasing the order to the warehouse.</summary>
    public const string WarehouseRelease = "warehouse-release";

    /// <summary>Cancelling the order in the ERP (compensation).</summary>
    public const string ErpCancel = "erp-cancel";

    /// <summary>Cancelling the release in the warehouse (compensation).</summary>
    public const string WarehouseCancel = "warehouse-cancel";

    /// <summary>Prefix of SLA steps: the exception is a warning, the order keeps its status.</summary>
    public const string SlaPrefix = "sla:";

    /// <summary>The SLA step of a workflow step, e.g. "sla:erp-commit".</summary>
    public static string Sla(string step) => SlaPrefix + step;

    /// <summary>True for SLA warnings, which do not hold the order.</summary>
    public static bool IsAdvisory(string step) => step.StartsWith(SlaPrefix, StringComparison.Ordinal);

    /// <summary>True for compensation steps.</summary>
    public static bool IsCompensation(string step) => step is ErpCancel or WarehouseCancel;
}
