namespace OrleansDistribution.Abstractions.Partners;

/// <summary>
/// One change of a partner in the operator's audit log: its position in the partner's log, when, who (the operator,
/// or the partner itself), what (<see cref="AuditActions"/>), the fields changed and the request's correlation ID.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] IReadOnlyList<AuditChange> Changes,
    [property: Id(5)] string? CorrelationId);
