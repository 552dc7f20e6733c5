using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Grains.Tests.Fixtures;

/// <summary>Submits orders under one Idempotency-Key the way the API does: to the order the key names.</summary>
public sealed class IdempotentIntake(IGrainFactory grains, string partnerId, string idempotencyKey)
{
    /// <summary>The order the key names (its first generation).</summary>
    public IOrderGrain Order => grains.GetGrain<IOrderGrain>(OrderIds.For(partnerId, idempotencyKey));

    /// <summary>Submits with the body's fingerprint.</summary>
    public Task<IntakeResult> SubmitAsync(string fingerprint, OrderSubmission submission) =>
        Order.SubmitAsync(submission with { IdempotencyKey = idempotencyKey, Fingerprint = fingerprint });
}
