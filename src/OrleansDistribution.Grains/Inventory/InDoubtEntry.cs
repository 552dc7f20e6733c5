using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>Persisted form of an operation its order has not confirmed yet.</summary>
[GenerateSerializer, Immutable]
[Alias("InDoubtEntry.v1")]
public sealed record InDoubtEntry(
    [property: Id(0)] StockOperation Operation,
    [property: Id(1)] int Quantity,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] int Version,
    [property: Id(4)] string? Channel = null);
