namespace ChannelTraffic.Contracts;

public sealed record CreatePartnerRequest(string PartnerId, string Name, int RateLimitPerSecond);
