namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>A SKU's stock position: the aggregates, where on-hand came from, and what each channel holds.</summary>
[GenerateSerializer, Immutable]
[Alias("InventorySnapshot")]
public sealed record InventorySnapshot(
    [property: Id(0)] string Sku,
    [property: Id(1)] int OnHand,
    [property: Id(2)] int Reserved,
    [property: Id(3)] int Available,
    [property: Id(4)] DateTimeOffset UpdatedAt)
{
    /// <summary>Units no channel may promise.</summary>
    [Id(5)] public int SafetyStock { get; init; }

    /// <summary>Units reserved per channel (partner ID).</summary>
    [Id(6)] public IReadOnlyDictionary<string, int> ReservedByChannel { get; init; } = new Dictionary<string, int>();

    /// <summary>The ERP's newest applied statement and when: null fields when the ERP never spoke of the SKU.</summary>
    [Id(7)] public ErpSyncStatus Erp { get; init; } = ErpSyncStatus.Never;

    /// <summary>When on-hand was last set by hand in the hub (PUT), null when only the ERP set it.</summary>
    [Id(8)] public DateTimeOffset? SetByHandAt { get; init; }

    /// <summary>The policies of the channels trading the SKU (that reserved or read it), as last seen.</summary>
    [Id(9)] public IReadOnlyDictionary<string, InventoryPolicy> ChannelPolicies { get; init; } = new Dictionary<string, InventoryPolicy>();

    /// <summary>Units orders wait for (backorders), and how many orders.</summary>
    [Id(10)] public int Backordered { get; init; }

    /// <summary>Orders waiting for stock of this SKU.</summary>
    [Id(11)] public int BackorderedOrders { get; init; }
}
