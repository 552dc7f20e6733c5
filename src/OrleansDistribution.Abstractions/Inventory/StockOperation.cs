namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>What an order did to a SKU's position.</summary>
[GenerateSerializer]
[Alias("StockOperation")]
public enum StockOperation
{
    /// <summary>Reserved a quantity.</summary>
    Reserve,

    /// <summary>Gave a reservation back.</summary>
    Release,

    /// <summary>Turned a reservation into a deduction of on-hand (shipped).</summary>
    Deduct,
}
