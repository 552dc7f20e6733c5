namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>What an order's durable record says it does with its stock on one SKU.</summary>
public enum StockHoldKind
{
    /// <summary>The order holds nothing on the SKU.</summary>
    None,

    /// <summary>The order holds a reservation.</summary>
    Reserved,

    /// <summary>The order has decided to give its reservation back and will confirm it.</summary>
    Releasing,

    /// <summary>The order has shipped and will confirm the deduction from on-hand.</summary>
    Deducting,
}
