namespace OrleansDistribution.Abstractions.Partners;

/// <summary>One version of a partner's contract price list.</summary>
[GenerateSerializer, Immutable]
[Alias("PriceList")]
public sealed record PriceList(
    [property: Id(0)] string Version,
    [property: Id(1)] string Currency,
    [property: Id(2)] IReadOnlyList<PriceListLine> Lines,
    [property: Id(3)] DateTimeOffset EffectiveFrom);
