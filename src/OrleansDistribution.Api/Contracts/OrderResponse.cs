using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Api.Contracts;

/// <summary>An order as channels see it.</summary>
public sealed record OrderResponse(
    string OrderId,
    string PartnerId,
    string ChannelOrderRef,
    string CustomerId,
    OrderStatus Status,
    string PriceListVersion,
    string Currency,
    decimal Total,
    IReadOnlyList<OrderLineResponse> Lines,
    OrderExceptionResponse? Exception,
    DateTimeOffset CreatedAt,
    IReadOnlyList<TimelineEntryResponse> Timeline)
{
    /// <summary>Maps a snapshot.</summary>
    public static OrderResponse From(OrderSnapshot order) => new(
        order.OrderId,
        order.PartnerId,
        order.ChannelOrderRef,
        order.CustomerId,
        order.Status,
        order.PriceListVersion,
        order.Currency,
        order.Total,
        OrderLineResponse.Of(order),
        order.Exception is { } e ? new OrderExceptionResponse(e.ExceptionId, e.Type, e.Step, e.Attempts, e.LastError, e.CorrelationId, e.RaisedAt) : null,
        order.CreatedAt,
        [.. order.Timeline.Select(entry => new TimelineEntryResponse(entry.At, entry.Status, entry.From, entry.CorrelationId, entry.Detail))]);
}
