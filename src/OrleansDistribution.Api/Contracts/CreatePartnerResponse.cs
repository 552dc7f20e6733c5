namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/partners response; the only time the API key is shown (its ID names it in /v1/partners/{partnerId}/keys).</summary>
public sealed record CreatePartnerResponse(string PartnerId, string Name, int RateLimitPerSecond, string ApiKey, string? KeyId);
