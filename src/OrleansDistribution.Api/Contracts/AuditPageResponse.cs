namespace OrleansDistribution.Api.Contracts;

/// <summary>GET /v1/audit response: entries oldest first; pass <c>next</c> as <c>after</c> for the next page (null: no more).</summary>
public sealed record AuditPageResponse(IReadOnlyList<AuditEntryResponse> Entries, long? Next);
