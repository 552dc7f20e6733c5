namespace ChannelTraffic;

public sealed record PlannedSku(string Sku, decimal UnitPrice, bool IsHot);
