using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Abstractions.Orders;

/// <summary>
/// One order's workflow: capture (validate, price, reserve), then ERP commit, warehouse release and shipment.
/// Key: order ID; under an Idempotency-Key the ID comes from <see cref="OrderIds.For"/>, and the order is its
/// own idempotency record.
/// </summary>
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Captures the order synchronously (validate, price, reserve) or holds it. A resubmission under the same
    /// key answers with the first response (<see cref="IntakeResult.Replayed"/>); a different body is refused;
    /// after the key's retention the submission becomes the next generation's order.
    /// </summary>
    Task<IntakeResult> SubmitAsync(OrderSubmission submission);

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

    /// <summary>Resumes pending work and checks SLA clocks (the sweeper calls it for orders whose silo died).</summary>
    Task WakeAsync();

    /// <summary>What the order's durable record says about its stock on one SKU (a SKU asks when an operation stayed in doubt).</summary>
    Task<StockHold> GetStockHoldAsync(string sku);

    /// <summary>
    /// The SKU filled <paramref name="filled"/> units of this order's backorder in all (<paramref name="waiting"/> still
    /// wait). Returns true when the order holds them (now or already), false when it no longer wants them (cancelled):
    /// the SKU then releases them. Repeating it is harmless.
    /// </summary>
    Task<bool> BackorderFilledAsync(string sku, int filled, int waiting);
}
