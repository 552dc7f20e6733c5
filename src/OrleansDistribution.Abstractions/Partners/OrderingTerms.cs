namespace OrleansDistribution.Abstractions.Partners;

/// <summary>
/// What an order needs from its partner in one call: the partner's standing and the contract prices of
/// just the SKUs ordered (not the whole price list).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("OrderingTerms")]
public sealed record OrderingTerms(
    [property: Id(0)] PartnerStatus Status,
    [property: Id(1)] PriceList? Prices);
