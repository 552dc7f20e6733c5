namespace OrleansDistribution.Integration.Ports;

/// <summary>One page of the ERP's stock snapshot, in SKU order; <paramref name="Next"/> is the cursor of the next page, null on the last.</summary>
public sealed record ErpStockPage(IReadOnlyList<ErpStockPosition> Positions, string? Next);
