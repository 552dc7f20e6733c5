using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Grains.Partners;

/// <summary>Persisted audit log of one partner: the newest entries and the last sequence handed out.</summary>
[GenerateSerializer]
[Alias("PartnerAuditState.v1")]
public sealed class PartnerAuditState
{
    /// <summary>The sequence of the newest entry (0 before the first).</summary>
    [Id(0)] public long LastSequence { get; set; }

    /// <summary>The newest entries, oldest first.</summary>
    [Id(1)] public List<AuditEntry> Entries { get; set; } = [];
}
