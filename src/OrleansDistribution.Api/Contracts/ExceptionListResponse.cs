namespace OrleansDistribution.Api.Contracts;

/// <summary>GET /v1/exceptions: the open exceptions matching the filter, with backlog counts.</summary>
public sealed record ExceptionListResponse(
    IReadOnlyList<ExceptionResponse> Items,
    IReadOnlyDictionary<string, int> CountByType,
    IReadOnlyDictionary<string, int> CountByPartner);
