namespace ChannelTraffic.Contracts;

public sealed record PriceListRequest(string Version, string Currency, IReadOnlyList<PriceListLine> Lines);
