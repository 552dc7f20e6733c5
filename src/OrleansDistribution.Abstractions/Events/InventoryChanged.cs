namespace OrleansDistribution.Abstractions.Events;

/// <summary>A SKU's stock position changed (v1).</summary>
[GenerateSerializer, Immutable]
[Alias("InventoryChanged.v1")]
public sealed record InventoryChanged : DistributionEvent
{
    /// <summary>The SKU.</summary>
    [Id(0)] public required string Sku { get; init; }

    /// <summary>On-hand after the change.</summary>
    [Id(1)] public required int OnHand { get; init; }

    /// <summary>Reserved after the change.</summary>
    [Id(2)] public required int Reserved { get; init; }

    /// <summary>Available after the change.</summary>
    [Id(3)] public required int Available { get; init; }

    /// <summary>What changed it: set (by hand), erp-sync, erp-confirm, reserve, release, ship, fill (backorders), reconcile, or batch (several in one write).</summary>
    [Id(4)] public required string Reason { get; init; }

    /// <summary>"InStock" or "OutOfStock": the status field every SSE event carries.</summary>
    public string Status => Available > 0 ? "InStock" : "OutOfStock";

    /// <inheritdoc />
    public override string EventType => "InventoryChanged";

    /// <inheritdoc />
    public override int SchemaVersion => 1;
}
