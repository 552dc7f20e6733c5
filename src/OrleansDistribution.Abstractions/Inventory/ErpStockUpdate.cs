namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// One ERP statement about a SKU's on-hand: an absolute figure (<see cref="OnHand"/>) or a change
/// (<see cref="Delta"/> with its <see cref="Reason"/>). <see cref="ErpSequence"/> orders the ERP's statements
/// about the SKU; the hub applies them as if they had arrived in that order, once each.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("ErpStockUpdate.v1")]
public sealed record ErpStockUpdate(
    [property: Id(0)] long ErpSequence,
    [property: Id(1)] DateTimeOffset AsOf,
    [property: Id(2)] int? OnHand,
    [property: Id(3)] int? Delta,
    [property: Id(4)] string? Reason)
{
    /// <summary>An absolute on-hand figure.</summary>
    public static ErpStockUpdate Absolute(long erpSequence, int onHand, DateTimeOffset asOf) => new(erpSequence, asOf, onHand, null, null);

    /// <summary>A change of on-hand (receipt, adjustment, scrap…).</summary>
    public static ErpStockUpdate Change(long erpSequence, int delta, string reason, DateTimeOffset asOf) => new(erpSequence, asOf, null, delta, reason);
}
