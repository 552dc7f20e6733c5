namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>The single writer of one SKU's stock position. Key: SKU.</summary>
public interface IInventoryGrain : IGrainWithStringKey
{
    /// <summary>Sets on-hand from the ERP system of record; reservations are kept.</summary>
    Task<InventorySnapshot> SetOnHandAsync(int onHand);

    /// <summary>Returns the position, or null when the SKU is unknown.</summary>
    [ReadOnly]
    Task<InventorySnapshot?> GetAsync();

    /// <summary>Reserves a quantity for an order; repeating it for the same order is harmless.</summary>
    Task<ReservationOutcome> ReserveAsync(string orderId, int quantity);

    /// <summary>Releases an order's reservation, if any.</summary>
    Task ReleaseAsync(string orderId);

    /// <summary>Turns an order's reservation into a deduction of on-hand, once.</summary>
    Task CommitAsync(string orderId);
}
