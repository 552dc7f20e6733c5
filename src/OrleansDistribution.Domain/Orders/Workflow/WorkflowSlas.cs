using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>The SLA clocks of the workflow. Keys are stored with orders: never rename one.</summary>
public static class WorkflowSlas
{
    /// <summary>Accepted → committed in the ERP within <see cref="WorkflowTimings.ErpCommitWithin"/>.</summary>
    public static readonly WorkflowSla ErpCommit = new(
        OrderSteps.ErpCommit, t => t.ErpCommitWithin, OrderExceptionTypes.ErpUnavailable, "committed in the ERP");

    /// <summary>Released → shipped within <see cref="WorkflowTimings.ShipWithin"/>.</summary>
    public static readonly WorkflowSla Shipment = new(
        OrderSteps.WarehouseRelease, t => t.ShipWithin, OrderExceptionTypes.ShipmentOverdue, "shipped");

    /// <summary>The clock stored under <paramref name="key"/>, or null.</summary>
    public static WorkflowSla? ByKey(string? key) => key switch
    {
        OrderSteps.ErpCommit => ErpCommit,
        OrderSteps.WarehouseRelease => Shipment,
        _ => null,
    };
}
