namespace OrleansDistribution.Abstractions.Orders;

/// <summary>Order workflow status; the names are part of the public contract.</summary>
[GenerateSerializer]
[Alias("OrderStatus")]
public enum OrderStatus
{
    /// <summary>Validated, priced and reserved.</summary>
    Accepted = 0,
    /// <summary>Captured, but an exception awaits action.</summary>
    OnHold = 1,
    /// <summary>Committed in the ERP.</summary>
    ErpCommitted = 2,
    /// <summary>Released to the warehouse for picking.</summary>
    ReleasedToWarehouse = 3,
    /// <summary>Handed to the carrier; reserved stock deducted from on-hand.</summary>
    Shipped = 4,
    /// <summary>Delivered to the customer.</summary>
    Delivered = 5,
    /// <summary>Cancelled; reservations released.</summary>
    Cancelled = 6,
    /// <summary>Refused for good.</summary>
    Rejected = 7,
    /// <summary>Part of it waits for stock (its partner allows backorders); filled by the inventory as stock arrives.</summary>
    Backordered = 8,
}
