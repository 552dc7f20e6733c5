namespace OrleansDistribution.Grains.Inventory;

/// <summary>Persisted form of a waiting order's backorder (see <see cref="Domain.Inventory.Backorder"/>).</summary>
[GenerateSerializer, Immutable]
[Alias("BackorderEntry.v1")]
public sealed record BackorderEntry(
    [property: Id(0)] string Channel,
    [property: Id(1)] int Priority,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] int Waiting,
    [property: Id(4)] int Filled,
    [property: Id(5)] int Told,
    [property: Id(6)] bool Confirmed);
