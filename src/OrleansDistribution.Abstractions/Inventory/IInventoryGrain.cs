namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// The single writer of one SKU's stock position. Key: SKU. Decisions are made one at a time in memory and
/// acknowledged once the write holding them is durable; many orders' decisions share one write.
/// </summary>
public interface IInventoryGrain : IGrainWithStringKey
{
    /// <summary>Sets on-hand from the ERP system of record; reservations are kept.</summary>
    Task<InventorySnapshot> SetOnHandAsync(int onHand);

    /// <summary>Returns the position, or null when the SKU is unknown.</summary>
    [ReadOnly]
    Task<InventorySnapshot?> GetAsync();

    /// <summary>Reserves a quantity for an order; repeating it before the order settled is harmless.</summary>
    Task<ReservationOutcome> ReserveAsync(string orderId, int quantity);

    /// <summary>Gives an order's reservation back; repeating it before the order settled is harmless.</summary>
    Task ReleaseAsync(string orderId, int quantity);

    /// <summary>Deducts a shipped order's reservation from on-hand, once.</summary>
    Task DeductAsync(string orderId, int quantity);

    /// <summary>The order has durably recorded its last operation here: the position forgets it.</summary>
    [OneWay]
    Task SettleAsync(string orderId);
}
