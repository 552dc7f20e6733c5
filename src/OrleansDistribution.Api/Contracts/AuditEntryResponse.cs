using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Api.Contracts;

/// <summary>One entry of the audit log: sequence (the cursor), when, who, what, the fields changed and the correlation ID.</summary>
public sealed record AuditEntryResponse(
    string PartnerId, long Sequence, DateTimeOffset At, string Actor, string Action, IReadOnlyList<AuditChangeResponse> Changes, string? CorrelationId)
{
    /// <summary>Maps an entry.</summary>
    public static AuditEntryResponse From(string partnerId, AuditEntry entry) =>
        new(partnerId, entry.Sequence, entry.At, entry.Actor, entry.Action,
            [.. entry.Changes.Select(change => new AuditChangeResponse(change.Field, change.Before, change.After))], entry.CorrelationId);
}
