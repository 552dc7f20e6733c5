namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>Which downstream call a workflow step makes.</summary>
public enum StepPort
{
    /// <summary>Commit the order in the ERP.</summary>
    ErpCommit,

    /// <summary>Release the order to the warehouse.</summary>
    WarehouseRelease,

    /// <summary>Cancel the warehouse release (compensation).</summary>
    WarehouseCancel,

    /// <summary>Cancel the ERP order (compensation).</summary>
    ErpCancel,

    /// <summary>No call: the order waits for an event from outside (the carrier's shipment).</summary>
    External,
}
