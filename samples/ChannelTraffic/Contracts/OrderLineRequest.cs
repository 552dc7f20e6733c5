namespace ChannelTraffic.Contracts;

public sealed record OrderLineRequest(string Sku, int Quantity);
