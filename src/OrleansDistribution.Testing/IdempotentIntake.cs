using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Testing;

/// <summary>Submits orders under one Idempotency-Key the way the API does: to the order the key names.</summary>
public sealed class IdempotentIntake(IGrainFactory grains, string partnerId, string idempotencyKey)
{
    /// <summary>The order the key names (its first generation).</summary>
    public IOrderGrain Order => grains.GetGrain<IOrderGrain>(OrderIds.For(partnerId, idempotencyKey));

    /// <summary>Submits with the body's fingerprint as the API computes it (<see cref="OrderFingerprint"/>).</summary>
    public Task<IntakeResult> SubmitAsync(OrderSubmission submission) => SubmitAsync(OrderFingerprint.Of(submission), submission);

    /// <summary>Submits with a fingerprint of the test's choosing, to tell "the same body" from "another body" directly.</summary>
    public Task<IntakeResult> SubmitAsync(string fingerprint, OrderSubmission submission) =>
        Order.SubmitAsync(submission with { PartnerId = partnerId, IdempotencyKey = idempotencyKey, Fingerprint = fingerprint });
}
