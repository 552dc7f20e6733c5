namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>What an allocation did: units reserved now and units backordered (or that the SKU is unknown).</summary>
[GenerateSerializer, Immutable]
[Alias("StockAllocation")]
public sealed record StockAllocation(
    [property: Id(0)] ReservationOutcome Outcome,
    [property: Id(1)] int Allocated,
    [property: Id(2)] int Backordered);
