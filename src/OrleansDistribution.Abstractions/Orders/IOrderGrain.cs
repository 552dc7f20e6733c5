namespace OrleansDistribution.Abstractions.Orders;

/// <summary>One order's workflow: acceptance, then ERP commit, warehouse release and shipment. Key: order ID.</summary>
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>Accepts the order synchronously (validate, price, reserve) or holds it; repeated calls return the existing order.</summary>
    Task<OrderSnapshot> SubmitAsync(OrderSubmission submission);

    /// <summary>Returns the order, or null when no order has this ID.</summary>
    [ReadOnly]
    Task<OrderSnapshot?> GetAsync();

    /// <summary>
    /// Cancels the order, compensating downstream steps and releasing reservations; if a compensation fails
    /// the order is held with a CompensationFailed exception instead (not yet cancelled).
    /// </summary>
    Task<OrderSnapshot> CancelAsync(string reason);

    /// <summary>Applies a shipment milestone; repeating one is harmless.</summary>
    Task<OrderSnapshot> RecordShipmentAsync(ShipmentEvent shipment);

    /// <summary>Replays the failed step of the order's open exception now; the order resumes when it succeeds.</summary>
    Task<Exceptions.RetryOutcome> RetryExceptionAsync(string exceptionId, string actor, string? note);

    /// <summary>Resolves the order's open exception by hand (cancel, skip the step, or release the hold).</summary>
    Task<OrderSnapshot> ResolveExceptionAsync(string exceptionId, Exceptions.ExceptionAction action, string actor, string? note);
}
