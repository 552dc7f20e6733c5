namespace OrleansDistribution.Grains.Inventory;

/// <summary>Persisted stock position of one SKU. Additive changes only.</summary>
[GenerateSerializer]
[Alias("InventoryState.v1")]
public sealed class InventoryState
{
    /// <summary>Physical units on hand per the ERP.</summary>
    [Id(0)] public int OnHand { get; set; }

    /// <summary>Reserved quantity by order ID.</summary>
    [Id(1)] public Dictionary<string, int> Reservations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Orders whose reservation was already deducted from on-hand (makes shipping idempotent).</summary>
    [Id(2)] public HashSet<string> ShippedOrders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Last change.</summary>
    [Id(3)] public DateTimeOffset UpdatedAt { get; set; }
}
