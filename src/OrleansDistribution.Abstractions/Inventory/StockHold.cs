namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>An order's own, durable view of its stock on one SKU: what it holds or is about to give back.</summary>
[GenerateSerializer, Immutable]
[Alias("StockHold")]
public sealed record StockHold(
    [property: Id(0)] StockHoldKind Kind,
    [property: Id(1)] int Quantity,
    [property: Id(2)] int Backordered = 0)
{
    /// <summary>Nothing held.</summary>
    public static StockHold Nothing { get; } = new(StockHoldKind.None, 0);
}
