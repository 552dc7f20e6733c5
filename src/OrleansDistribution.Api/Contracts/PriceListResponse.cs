using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Api.Contracts;

/// <summary>A price list version as stored.</summary>
public sealed record PriceListResponse(string PartnerId, string Version, string Currency, DateTimeOffset EffectiveFrom, IReadOnlyList<PriceListLine> Lines)
{
    /// <summary>Maps a price list.</summary>
    public static PriceListResponse From(string partnerId, PriceList list) =>
        new(partnerId, list.Version, list.Currency, list.EffectiveFrom, list.Lines);
}
