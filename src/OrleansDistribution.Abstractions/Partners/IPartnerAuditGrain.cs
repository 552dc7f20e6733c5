namespace OrleansDistribution.Abstractions.Partners;

/// <summary>A partner's audit log: the last <see cref="Capacity"/> changes. Key: partner ID.</summary>
public interface IPartnerAuditGrain : IGrainWithStringKey
{
    /// <summary>Entries kept per partner; older ones are dropped.</summary>
    const int Capacity = 1_000;

    /// <summary>Appends an entry (its sequence is assigned here) and returns it.</summary>
    Task<AuditEntry> AppendAsync(string actor, string action, IReadOnlyList<AuditChange> changes, string? correlationId);

    /// <summary>Up to <paramref name="limit"/> entries with a sequence above <paramref name="after"/>, oldest first.</summary>
    [ReadOnly]
    Task<AuditPage> ListAsync(long after, int limit);
}
