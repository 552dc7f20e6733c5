using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Api.Contracts;

/// <summary>An order in search results: identity, business keys, status and total (read the order for lines and timeline).</summary>
public sealed record OrderSummaryResponse(
    string OrderId,
    string PartnerId,
    string ChannelOrderRef,
    string CustomerId,
    OrderStatus Status,
    DateTimeOffset CreatedAt,
    decimal Total,
    string Currency)
{
    /// <summary>Maps an index entry.</summary>
    public static OrderSummaryResponse From(OrderSummary order) =>
        new(order.OrderId, order.PartnerId, order.ChannelOrderRef, order.CustomerId, order.Status, order.CreatedAt, order.Total, order.Currency);
}
