namespace ChannelTraffic.Contracts;

public sealed record SetInventoryRequest(int OnHand);
