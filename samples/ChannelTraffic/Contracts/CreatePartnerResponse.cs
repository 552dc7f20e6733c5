namespace ChannelTraffic.Contracts;

public sealed record CreatePartnerResponse(string? PartnerId, string? ApiKey);
