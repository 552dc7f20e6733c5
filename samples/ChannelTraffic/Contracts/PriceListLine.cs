namespace ChannelTraffic.Contracts;

public sealed record PriceListLine(string Sku, decimal UnitPrice);
