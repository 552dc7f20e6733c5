namespace OrleansDistribution.Integration.Ports;

/// <summary>
/// One SKU's on-hand as the ERP books it. <paramref name="ErpSequence"/> grows with every change the ERP makes
/// to the SKU, so the hub can tell a newer figure from a stale or repeated one whatever order they arrive in.
/// </summary>
public sealed record ErpStockPosition(string Sku, int OnHand, long ErpSequence, DateTimeOffset AsOf);
