using OrleansDistribution.Integration.Ports;

namespace ErpSimulator.Contracts;

/// <summary>One SKU's on-hand as the ERP books it; <c>erpSequence</c> grows with every booking of the SKU.</summary>
public sealed record StockPosition(string Sku, int OnHand, long ErpSequence, DateTimeOffset AsOf)
{
    /// <summary>The wire form of the stock book's position.</summary>
    public static StockPosition From(ErpStockPosition position) =>
        new(position.Sku, position.OnHand, position.ErpSequence, position.AsOf);
}
