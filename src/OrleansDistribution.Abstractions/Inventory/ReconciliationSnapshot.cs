namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// A drift report: the SKUs checked so far and, of them, only those whose on-hand differs between the hub and the ERP
/// (at most <see cref="MaxLines"/>; <see cref="Drifted"/> counts them all). A reconciliation reports; it changes no stock.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("ReconciliationSnapshot")]
public sealed record ReconciliationSnapshot(
    [property: Id(0)] string ReconciliationId,
    [property: Id(1)] string Source,
    [property: Id(2)] InventoryRunStatus Status,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? CompletedAt,
    [property: Id(5)] int Checked,
    [property: Id(6)] int Drifted,
    [property: Id(7)] IReadOnlyList<StockDrift> Lines,
    [property: Id(8)] string? Error)
{
    /// <summary>Most drift lines a report keeps.</summary>
    public const int MaxLines = 10_000;
}
