namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// One reconciliation: checks every position given (or the ERP's whole stock snapshot, page by page) against the hub,
/// reports the SKUs that differ with their likely cause, and files an InventoryDrift exception for each SKU whose
/// difference exceeds the drift threshold. Key: reconciliation ID.
/// </summary>
public interface IInventoryReconciliationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts it; with positions given it completes before answering, against the ERP it runs on and this answers at
    /// once. Starting twice is harmless (the first request stands).
    /// </summary>
    Task<ReconciliationSnapshot> StartAsync(ReconciliationRequest request);

    /// <summary>The report so far, or null when no reconciliation has this ID.</summary>
    [ReadOnly]
    Task<ReconciliationSnapshot?> GetAsync();
}
