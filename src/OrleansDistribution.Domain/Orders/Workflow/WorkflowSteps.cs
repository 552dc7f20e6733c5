using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>
/// The order workflow as a table: every step an order takes after acceptance, what it calls, what its
/// failures are called, which SLA runs while it is pending and what undoes it. The decider reads only this.
/// </summary>
public static class WorkflowSteps
{
    /// <summary>Commit the order in the ERP.</summary>
    public static readonly WorkflowStep ErpCommit = new(
        OrderSteps.ErpCommit, OrderStatus.Accepted, OrderStatus.ErpCommitted, StepPort.ErpCommit,
        OrderExceptionTypes.ErpUnavailable, OrderExceptionTypes.ErpRejected, WorkflowSlas.ErpCommit,
        OrderSteps.ErpCancel, "Committed in ERP as {0}.", t => t.ErpCommitWithin);

    /// <summary>Release the order to the warehouse.</summary>
    public static readonly WorkflowStep WarehouseRelease = new(
        OrderSteps.WarehouseRelease, OrderStatus.ErpCommitted, OrderStatus.ReleasedToWarehouse, StepPort.WarehouseRelease,
        OrderExceptionTypes.WarehouseUnavailable, OrderExceptionTypes.WarehouseRejected, null,
        OrderSteps.WarehouseCancel, "Released to warehouse as {0}.", t => t.WarehouseReleaseWithin);

    /// <summary>The carrier ships it: nothing to call, the order waits for the milestone under the shipment SLA.</summary>
    public static readonly WorkflowStep Shipment = new(
        "shipment", OrderStatus.ReleasedToWarehouse, OrderStatus.Shipped, StepPort.External,
        OrderExceptionTypes.ShipmentOverdue, OrderExceptionTypes.ShipmentOverdue, WorkflowSlas.Shipment,
        null, "Shipped ({0}); reserved stock deducted from on-hand.");

    /// <summary>Cancel the warehouse release (compensation of <see cref="WarehouseRelease"/>).</summary>
    public static readonly WorkflowStep WarehouseCancel = new(
        OrderSteps.WarehouseCancel, OrderStatus.ReleasedToWarehouse, OrderStatus.Cancelled, StepPort.WarehouseCancel,
        OrderExceptionTypes.CompensationFailed, OrderExceptionTypes.CompensationFailed, null, null, "Warehouse release cancelled.");

    /// <summary>Cancel the ERP order (compensation of <see cref="ErpCommit"/>).</summary>
    public static readonly WorkflowStep ErpCancel = new(
        OrderSteps.ErpCancel, OrderStatus.ErpCommitted, OrderStatus.Cancelled, StepPort.ErpCancel,
        OrderExceptionTypes.CompensationFailed, OrderExceptionTypes.CompensationFailed, null, null, "ERP order cancelled.");

    /// <summary>The steps an order drives by itself, in order.</summary>
    public static readonly IReadOnlyList<WorkflowStep> Forward = [ErpCommit, WarehouseRelease];

    /// <summary>The forward step an order in <paramref name="status"/> runs next, or null when it waits on someone else.</summary>
    public static WorkflowStep? ForwardFrom(OrderStatus status) => status switch
    {
        OrderStatus.Accepted => ErpCommit,
        OrderStatus.ErpCommitted => WarehouseRelease,
        _ => null,
    };

    /// <summary>The step called <paramref name="name"/>, or null.</summary>
    public static WorkflowStep? ByName(string name) => name switch
    {
        OrderSteps.ErpCommit => ErpCommit,
        OrderSteps.WarehouseRelease => WarehouseRelease,
        OrderSteps.WarehouseCancel => WarehouseCancel,
        OrderSteps.ErpCancel => ErpCancel,
        _ => null,
    };
}
