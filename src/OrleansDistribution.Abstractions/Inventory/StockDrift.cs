namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// A SKU whose on-hand differs between the hub and the ERP: both figures (<see cref="HubOnHand"/> null when the hub
/// does not know the SKU), <see cref="Difference"/> = hub − ERP, the units the hub holds reserved for orders (which the
/// ERP does not know of yet) and the likely cause.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("StockDrift")]
public sealed record StockDrift(
    [property: Id(0)] string Sku,
    [property: Id(1)] int? HubOnHand,
    [property: Id(2)] int ErpOnHand,
    [property: Id(3)] int Difference,
    [property: Id(4)] int Reserved,
    [property: Id(5)] DriftCause Cause);
