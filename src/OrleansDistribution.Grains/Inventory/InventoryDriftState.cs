using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>Persisted drift record of one SKU. Additive changes only.</summary>
[GenerateSerializer]
[Alias("InventoryDriftState.v1")]
public sealed class InventoryDriftState
{
    /// <summary>The SKU's open InventoryDrift exception, as filed in its queue; null when none is open.</summary>
    [Id(0)] public ExceptionEntry? Open { get; set; }

    /// <summary>The drift the last check found; null when that check was clean.</summary>
    [Id(1)] public StockDrift? LastDrift { get; set; }

    /// <summary>The reconciliation (or re-check) that checked the SKU last.</summary>
    [Id(2)] public string? LastCheckedBy { get; set; }

    /// <summary>When the SKU was checked last.</summary>
    [Id(3)] public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>What operators did about the SKU's drift exceptions, oldest first (the last few).</summary>
    [Id(4)] public List<DriftAuditEntry> Actions { get; set; } = [];
}
