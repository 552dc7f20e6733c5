using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>A channel that trades the SKU (reserved or read it): its last known policy and the promise it was last told.</summary>
[GenerateSerializer, Immutable]
[Alias("InventoryChannelEntry.v1")]
public sealed record ChannelEntry(
    [property: Id(0)] InventoryPolicy Policy,
    [property: Id(1)] int? LastTold);
