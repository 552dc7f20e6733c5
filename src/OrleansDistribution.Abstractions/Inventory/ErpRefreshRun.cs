namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// One full refresh of the hub's on-hand from the ERP's stock snapshot: what started it, how far it got (pages read,
/// positions applied, stale — the hub already had that statement or a later one — and failed to write), and why it
/// stopped when it failed. <see cref="ResumedAfter"/> is the SKU it started after when it resumed a failed run.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("ErpRefreshRun")]
public sealed record ErpRefreshRun(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Trigger,
    [property: Id(2)] InventoryRunStatus Status,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset? FinishedAt,
    [property: Id(5)] int Pages,
    [property: Id(6)] int Applied,
    [property: Id(7)] int Stale,
    [property: Id(8)] int Failed,
    [property: Id(9)] string? ResumedAfter,
    [property: Id(10)] string? Error)
{
    /// <summary>Started by the durable schedule.</summary>
    public const string Scheduled = "schedule";

    /// <summary>Started by an operator.</summary>
    public const string Operator = "operator";
}
