namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// How current a SKU's on-hand is with the ERP: the sequence and ERP time of its newest applied statement
/// (<see cref="AsOf"/>), when the hub applied one (<see cref="AppliedAt"/>) and when the ERP last stated or
/// repeated the figure (<see cref="ConfirmedAt"/>), and the units the hub shipped since the ERP's last figure.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("ErpSyncStatus")]
public sealed record ErpSyncStatus(
    [property: Id(0)] long? Sequence,
    [property: Id(1)] DateTimeOffset? AsOf,
    [property: Id(2)] DateTimeOffset? AppliedAt,
    [property: Id(3)] DateTimeOffset? ConfirmedAt,
    [property: Id(4)] long ShippedSinceErp)
{
    /// <summary>The ERP never spoke of the SKU.</summary>
    public static ErpSyncStatus Never { get; } = new(null, null, null, null, 0);
}
