namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>A SKU's stock position as channels see it.</summary>
[GenerateSerializer, Immutable]
[Alias("InventorySnapshot")]
public sealed record InventorySnapshot(
    [property: Id(0)] string Sku,
    [property: Id(1)] int OnHand,
    [property: Id(2)] int Reserved,
    [property: Id(3)] int Available,
    [property: Id(4)] DateTimeOffset UpdatedAt);
