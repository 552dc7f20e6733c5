namespace OrleansDistribution.Abstractions.Orders;

/// <summary>
/// An order's place in search results, newest first: by creation time, then by order ID (both fixed for the life
/// of an order), so a page that ends at a key continues exactly after it however many orders arrive meanwhile.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("OrderSearchKey")]
public sealed record OrderSearchKey([property: Id(0)] DateTimeOffset CreatedAt, [property: Id(1)] string OrderId);
