using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>Persisted drift report of one reconciliation. Additive changes only.</summary>
[GenerateSerializer]
[Alias("InventoryReconciliationState.v1")]
public sealed class InventoryReconciliationState : IScheduledState
{
    /// <summary>How long a finished report is kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    [Id(0)] public string Source { get; set; } = ReconciliationRequest.PositionsSource;
    [Id(1)] public InventoryRunStatus Status { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public DateTimeOffset? CompletedAt { get; set; }
    [Id(4)] public int Checked { get; set; }
    [Id(5)] public int Drifted { get; set; }
    [Id(6)] public List<StockDrift> Lines { get; set; } = [];
    [Id(7)] public string? Error { get; set; }

    /// <summary>Against the ERP: the SKU the next page starts after (null: the first page, or done).</summary>
    [Id(8)] public string? Cursor { get; set; }

    [Id(9)] public int Pages { get; set; }
    [Id(10)] public string Actor { get; set; } = "";
    [Id(11)] public string CorrelationId { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? WakeAt => null;

    /// <inheritdoc />
    public DateTimeOffset? ExpiresAt => CompletedAt + Retention;
}
