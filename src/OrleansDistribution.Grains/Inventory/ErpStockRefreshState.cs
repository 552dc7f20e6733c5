using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>Persisted schedule and recent runs of the ERP stock refresh. Additive changes only.</summary>
[GenerateSerializer]
[Alias("ErpStockRefreshState.v1")]
public sealed class ErpStockRefreshState
{
    /// <summary>The most recent runs, oldest first; the last one may be running.</summary>
    [Id(0)] public List<ErpRefreshRun> Runs { get; set; } = [];

    /// <summary>The SKU the next page starts after: the running run's progress, or where a failed run stopped (null: the first SKU).</summary>
    [Id(1)] public string? Cursor { get; set; }

    /// <summary>When the schedule starts its next run.</summary>
    [Id(2)] public DateTimeOffset? NextDueAt { get; set; }
}
