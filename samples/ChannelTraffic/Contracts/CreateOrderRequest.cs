namespace ChannelTraffic.Contracts;

public sealed record CreateOrderRequest(string ChannelOrderRef, string CustomerId, IReadOnlyList<OrderLineRequest> Lines);
