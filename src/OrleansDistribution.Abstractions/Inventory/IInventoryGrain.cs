namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>
/// The single writer of one SKU's stock position. Key: SKU. Decisions are made one at a time in memory and
/// acknowledged once the write holding them is durable; many orders' decisions share one write.
/// </summary>
public interface IInventoryGrain : IGrainWithStringKey
{
    /// <summary>Sets on-hand by hand (operator); reservations are kept. The ERP's next statement replaces it.</summary>
    Task<InventorySnapshot> SetOnHandAsync(int onHand);

    /// <summary>Sets on-hand by hand and, when given, the units no channel may promise, in one write.</summary>
    Task<InventorySnapshot> SetByHandAsync(int onHand, int? safetyStock);

    /// <summary>
    /// Applies ERP statements about this SKU, in sequence order, each once; all of them in one durable write,
    /// so none is applied unless all results are. Returns one result per statement, in the order given.
    /// </summary>
    Task<ErpSyncOutcome> SyncAsync(IReadOnlyList<ErpStockUpdate> updates);

    /// <summary>Returns the position, or null when the SKU is unknown.</summary>
    [ReadOnly]
    Task<InventorySnapshot?> GetAsync();

    /// <summary>
    /// Returns the position (null when unknown) and notes that <paramref name="partnerId"/> trades the SKU under
    /// <paramref name="policy"/>, so it hears of later changes of what it may promise.
    /// </summary>
    Task<InventorySnapshot?> GetForChannelAsync(string partnerId, InventoryPolicy policy);

    /// <summary>
    /// Reserves a quantity for an order of <paramref name="partnerId"/> within what its policy lets it promise
    /// (null: the default policy); repeating it before the order settled is harmless.
    /// </summary>
    Task<ReservationOutcome> ReserveAsync(string orderId, int quantity, string partnerId, InventoryPolicy? policy);

    /// <summary>
    /// Reserves what the partner may promise of the quantity now and backorders the rest, filled by this SKU as
    /// stock arrives (the order hears of each fill); a repeat answers what the first call allocated.
    /// </summary>
    Task<StockAllocation> AllocateAsync(string orderId, int quantity, string partnerId, InventoryPolicy policy);

    /// <summary>
    /// The order gives up its backorder: it is dropped, and filled units beyond the <paramref name="acknowledged"/>
    /// ones (which the order holds and releases itself) are released. Repeating it is harmless.
    /// </summary>
    Task CancelBackorderAsync(string orderId, int acknowledged);

    /// <summary>Gives an order's reservation back; repeating it before the order settled is harmless.</summary>
    Task ReleaseAsync(string orderId, int quantity, string partnerId);

    /// <summary>Deducts a shipped order's reservation from on-hand, once.</summary>
    Task DeductAsync(string orderId, int quantity, string partnerId);

    /// <summary>The order has durably recorded its last operation here: the position forgets it.</summary>
    [OneWay]
    Task SettleAsync(string orderId);
}
