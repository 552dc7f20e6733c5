namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// How much of a SKU's stock one channel (partner) may promise, and what it is told. Set by the operator per
/// partner; the defaults are what a channel without a policy gets: all sellable stock, all or nothing.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("InventoryPolicy.v1")]
public sealed record InventoryPolicy
{
    /// <summary>The policy of a partner nobody configured.</summary>
    public static InventoryPolicy Default { get; } = new();

    /// <summary>Hold (all or nothing) or backorder when the channel may not promise a whole line.</summary>
    [Id(0)] public AllocationMode Allocation { get; init; } = AllocationMode.ShipComplete;

    /// <summary>1 (first) to 10: whose backorders are filled first when stock arrives; then order time.</summary>
    [Id(1)] public int Priority { get; init; } = 5;

    /// <summary>0 to 1: the fraction of a SKU's sellable stock (on-hand less safety stock) this channel may hold reserved.</summary>
    [Id(2)] public decimal Share { get; init; } = 1m;

    /// <summary>Units of each SKU held back from this channel's promise (its buffer).</summary>
    [Id(3)] public int SafetyStock { get; init; }

    /// <summary>Most units of one SKU in one order; null for no limit.</summary>
    [Id(4)] public int? MaxPerOrder { get; init; }

    /// <summary>
    /// 0 to 1: an availability event reaches the channel only when its promised figure moved by at least this
    /// fraction since the last one it was told (or crossed zero); 0 tells every change.
    /// </summary>
    [Id(5)] public decimal PublishThreshold { get; init; } = 0.1m;
}
