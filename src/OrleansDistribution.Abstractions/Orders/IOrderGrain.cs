namespace OrleansDistribution.Abstractions.Orders;

/// <summary>One order's workflow: acceptance, then ERP commit, warehouse release and shipment. Key: order ID.</summary>
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>Accepts the order synchronously (validate, price, reserve) or holds it; repeated calls return the existing order.</summary>
    Task<OrderSnapshot> SubmitAsync(OrderSubmission submission);

    /// <summary>Returns the order, or null when no order has this ID.</summary>
    [ReadOnly]
    Task<OrderSnapshot?> GetAsync();

    /// <summary>Cancels the order, releasing reservations and compensating downstream steps.</summary>
    Task<OrderSnapshot> CancelAsync(string reason);

    /// <summary>Applies a shipment milestone; repeating one is harmless.</summary>
    Task<OrderSnapshot> RecordShipmentAsync(ShipmentEvent shipment);
}
