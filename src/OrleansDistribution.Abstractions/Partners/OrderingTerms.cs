using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Abstractions.Partners;

/// <summary>
/// What an order needs from its partner in one call: the partner's standing and the contract prices of
/// just the SKUs ordered (not the whole price list), and its inventory policy (null: the default).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("OrderingTerms")]
public sealed record OrderingTerms(
    [property: Id(0)] PartnerStatus Status,
    [property: Id(1)] PriceList? Prices,
    [property: Id(2)] InventoryPolicy? Inventory = null);
