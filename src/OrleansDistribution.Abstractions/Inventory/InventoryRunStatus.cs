namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>Where an ERP refresh or a reconciliation stands.</summary>
[GenerateSerializer]
[Alias("InventoryRunStatus")]
public enum InventoryRunStatus
{
    /// <summary>Still paging through the ERP's stock (or checking the positions given).</summary>
    Running = 0,

    /// <summary>Done: every position was read.</summary>
    Completed = 1,

    /// <summary>Stopped before the end (the ERP failed); see its error.</summary>
    Failed = 2,
}
