namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// What a reconciliation found for one SKU: its drift (null when hub and ERP agree) and whether the drift exceeds the
/// threshold that makes it an exception for a person.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("DriftCheck")]
public sealed record DriftCheck(
    [property: Id(0)] StockDrift? Drift,
    [property: Id(1)] bool OverThreshold,
    [property: Id(2)] string ReconciliationId,
    [property: Id(3)] string CorrelationId);
