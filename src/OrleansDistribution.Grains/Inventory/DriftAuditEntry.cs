namespace OrleansDistribution.Grains.Inventory;

/// <summary>What an operator did about a SKU's drift exception, kept on the SKU's drift record.</summary>
[GenerateSerializer, Immutable]
[Alias("DriftAuditEntry")]
public sealed record DriftAuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Action,
    [property: Id(3)] string? Note,
    [property: Id(4)] string Outcome);
