using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Api.Contracts;

/// <summary>One timeline entry.</summary>
public sealed record TimelineEntryResponse(DateTimeOffset At, OrderStatus Status, OrderStatus? From, string CorrelationId, string Detail);
