namespace OrleansDistribution.Abstractions.Orders;

/// <summary>What a channel sees of an order: identity, status, pricing and history.</summary>
[GenerateSerializer, Immutable]
[Alias("OrderSnapshot")]
public sealed record OrderSnapshot(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string PartnerId,
    [property: Id(2)] string ChannelOrderRef,
    [property: Id(3)] string CustomerId,
    [property: Id(4)] OrderStatus Status,
    [property: Id(5)] string PriceListVersion,
    [property: Id(6)] string Currency,
    [property: Id(7)] decimal Total,
    [property: Id(8)] IReadOnlyList<PricedOrderLine> Lines,
    [property: Id(9)] IReadOnlyList<TimelineEntry> Timeline,
    [property: Id(10)] OrderException? Exception,
    [property: Id(11)] DateTimeOffset CreatedAt)
{
    /// <summary>Units still waiting for stock, by SKU (a backordered order); empty otherwise.</summary>
    [Id(12)] public IReadOnlyDictionary<string, int> Backorders { get; init; } = new Dictionary<string, int>();
}
