using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Grains.Orders;

/// <summary>Persisted idempotency record of one partner's Idempotency-Key. Additive changes only.</summary>
[GenerateSerializer]
[Alias("OrderIntakeState.v1")]
public sealed class OrderIntakeState
{
    /// <summary>Hash of the first request body; a different body under the same key is refused.</summary>
    [Id(0)] public string Fingerprint { get; set; } = "";

    /// <summary>The order ID reserved for this key before the order was created, so a retry after a crash reuses it.</summary>
    [Id(1)] public string OrderId { get; set; } = "";

    /// <summary>The first response, once the order exists.</summary>
    [Id(2)] public OrderSnapshot? FirstResponse { get; set; }
}
