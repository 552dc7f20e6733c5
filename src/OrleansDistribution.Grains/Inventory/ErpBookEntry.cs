namespace OrleansDistribution.Grains.Inventory;

/// <summary>Persisted form of a SKU's ERP book (see <see cref="Domain.Inventory.ErpStockBook"/>).</summary>
[GenerateSerializer, Immutable]
[Alias("ErpBookEntry.v1")]
public sealed record ErpBookEntry(
    [property: Id(0)] long BaseOnHand,
    [property: Id(1)] long BaseSequence,
    [property: Id(2)] Dictionary<long, int> Changes,
    [property: Id(3)] long Deducted,
    [property: Id(4)] DateTimeOffset? AsOf,
    [property: Id(5)] DateTimeOffset? AppliedAt,
    [property: Id(6)] DateTimeOffset? ConfirmedAt,
    [property: Id(7)] long AsOfSequence);
