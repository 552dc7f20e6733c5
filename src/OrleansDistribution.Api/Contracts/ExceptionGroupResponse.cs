namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// One incident in the exception backlog: the open exceptions of one business cause that one action clears. A
/// dependency's outage (ErpUnavailable, WarehouseUnavailable) is one group across partners, with the dependency and,
/// while it is still degraded, since when (<c>outageSince</c>); any other cause is one group per partner (a SKU's drift,
/// which has no partner, one group). <c>replay</c> is the body of POST /v1/exceptions/retry that replays exactly this
/// group's exceptions.
/// </summary>
public sealed record ExceptionGroupResponse(
    string GroupId,
    string Type,
    string? Dependency,
    string? PartnerId,
    string Title,
    string Subject,
    int Count,
    DateTimeOffset OldestRaisedAt,
    DateTimeOffset NewestRaisedAt,
    DateTimeOffset? OutageSince,
    string? OutageReason,
    IReadOnlyList<string> ExceptionIds,
    BulkRetryRequest Replay);
