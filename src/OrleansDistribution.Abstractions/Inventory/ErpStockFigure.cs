namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// The ERP's on-hand of one SKU to check the hub against: given by the caller of a reconciliation (no sequence), or read
/// from the ERP's stock snapshot (with its <see cref="ErpSequence"/>, which tells a newer ERP figure for sure).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("ErpStockFigure")]
public sealed record ErpStockFigure(
    [property: Id(0)] string Sku,
    [property: Id(1)] int OnHand,
    [property: Id(2)] long? ErpSequence = null);
