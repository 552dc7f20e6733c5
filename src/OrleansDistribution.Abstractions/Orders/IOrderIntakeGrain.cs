namespace OrleansDistribution.Abstractions.Orders;

/// <summary>Owns one idempotency record: a partner's Idempotency-Key. Key: "{partnerId}/{idempotencyKey}".</summary>
public interface IOrderIntakeGrain : IGrainWithStringKey
{
    /// <summary>Creates the order once for this key, or replays the first response when the fingerprint matches.</summary>
    Task<IntakeResult> SubmitAsync(string requestFingerprint, OrderSubmission submission);
}
