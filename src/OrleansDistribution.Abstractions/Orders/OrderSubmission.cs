namespace OrleansDistribution.Abstractions.Orders;

/// <summary>
/// A channel order as submitted by a partner, after its shape was validated at the edge. Under an
/// Idempotency-Key the order's ID is derived from the key (<see cref="OrderIds"/>), and the order itself is
/// the idempotency record: it keeps the fingerprint of the body and answers a resubmission.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("OrderSubmission")]
public sealed record OrderSubmission(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] string ChannelOrderRef,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] IReadOnlyList<OrderLineRequest> Lines,
    [property: Id(4)] string? IdempotencyKey = null,
    [property: Id(5)] string? Fingerprint = null,
    [property: Id(6)] int KeyGeneration = 0);
