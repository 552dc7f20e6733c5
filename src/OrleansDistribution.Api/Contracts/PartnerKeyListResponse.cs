namespace OrleansDistribution.Api.Contracts;

/// <summary>GET /v1/partners/{partnerId}/keys response: every key issued, revoked ones included, oldest first.</summary>
public sealed record PartnerKeyListResponse(string PartnerId, IReadOnlyList<PartnerKeyResponse> Keys);
