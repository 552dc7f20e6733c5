using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Api.Contracts;

/// <summary>A SKU's position.</summary>
public sealed record InventoryResponse(string Sku, int OnHand, int Reserved, int Available, DateTimeOffset UpdatedAt)
{
    /// <summary>Maps a snapshot.</summary>
    public static InventoryResponse From(InventorySnapshot snapshot) =>
        new(snapshot.Sku, snapshot.OnHand, snapshot.Reserved, snapshot.Available, snapshot.UpdatedAt);
}
