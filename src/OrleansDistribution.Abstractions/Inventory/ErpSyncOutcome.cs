namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>What one SKU made of a batch of ERP statements: a result per statement, and the position after them.</summary>
[GenerateSerializer, Immutable]
[Alias("ErpSyncOutcome")]
public sealed record ErpSyncOutcome(
    [property: Id(0)] IReadOnlyList<ErpSyncResult> Results,
    [property: Id(1)] InventorySnapshot Position);
