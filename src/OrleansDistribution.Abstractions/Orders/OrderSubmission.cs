namespace OrleansDistribution.Abstractions.Orders;

/// <summary>A channel order as submitted by a partner, after its shape was validated at the edge.</summary>
[GenerateSerializer, Immutable]
[Alias("OrderSubmission")]
public sealed record OrderSubmission(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] string ChannelOrderRef,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] IReadOnlyList<OrderLineRequest> Lines);
