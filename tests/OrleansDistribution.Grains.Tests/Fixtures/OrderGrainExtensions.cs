using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Grains.Tests.Fixtures;

/// <summary>Shorthands for tests that place an order directly on its grain (no Idempotency-Key).</summary>
public static class OrderGrainExtensions
{
    /// <summary>Submits and returns the order as captured.</summary>
    public static async Task<OrderSnapshot> PlaceAsync(this IOrderGrain order, OrderSubmission submission) =>
        (await order.SubmitAsync(submission)).Order;
}
