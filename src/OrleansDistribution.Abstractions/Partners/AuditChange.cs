namespace OrleansDistribution.Abstractions.Partners;

/// <summary>One field an audited change touched, with its value before and after (null where there was none).</summary>
[GenerateSerializer, Immutable]
[Alias("AuditChange")]
public sealed record AuditChange(
    [property: Id(0)] string Field,
    [property: Id(1)] string? Before,
    [property: Id(2)] string? After);
