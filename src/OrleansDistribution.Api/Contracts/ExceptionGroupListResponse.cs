namespace OrleansDistribution.Api.Contracts;

/// <summary>GET /v1/exceptions/groups: the open exceptions as incidents, the largest first.</summary>
public sealed record ExceptionGroupListResponse(DateTimeOffset AsOf, IReadOnlyList<ExceptionGroupResponse> Groups);
