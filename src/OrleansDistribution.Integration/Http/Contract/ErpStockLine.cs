namespace OrleansDistribution.Integration.Http.Contract;

/// <summary>One position of <see cref="ErpStockResponse"/>; every field nullable so a missing one is told apart from zero.</summary>
internal sealed record ErpStockLine(string? Sku, int? OnHand, long? ErpSequence, DateTimeOffset? AsOf);
