namespace OrleansDistribution.Abstractions.Partners;

/// <summary>Audit entries after a cursor, oldest first; <see cref="Next"/> is the cursor of the next page, or null at the end.</summary>
[GenerateSerializer, Immutable]
[Alias("AuditPage")]
public sealed record AuditPage(
    [property: Id(0)] IReadOnlyList<AuditEntry> Entries,
    [property: Id(1)] long? Next);
