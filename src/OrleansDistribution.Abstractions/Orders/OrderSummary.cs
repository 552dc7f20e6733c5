namespace OrleansDistribution.Abstractions.Orders;

/// <summary>An order as the order index has it: identity, business keys, status and total, as of its last write.</summary>
[GenerateSerializer, Immutable]
[Alias("OrderSummary")]
public sealed record OrderSummary(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string PartnerId,
    [property: Id(2)] string ChannelOrderRef,
    [property: Id(3)] string CustomerId,
    [property: Id(4)] OrderStatus Status,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] decimal Total,
    [property: Id(7)] string Currency)
{
    /// <summary>Where this order stands in search order (the cursor after it).</summary>
    public OrderSearchKey Key => new(CreatedAt, OrderId);
}
