using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Tests.Storage.OrderIndex;

/// <summary>A grain state the storage indexes as an order, with just the fields the index holds.</summary>
[GenerateSerializer]
[Alias("tests.indexed-order")]
public sealed class IndexedTestOrder : IIndexedOrderState
{
    [Id(0)] public string PartnerId { get; set; } = "";
    [Id(1)] public string ChannelOrderRef { get; set; } = "";
    [Id(2)] public string CustomerId { get; set; } = "";
    [Id(3)] public OrderStatus Status { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public decimal Total { get; set; }
    [Id(6)] public string Currency { get; set; } = "USD";

    /// <inheritdoc />
    public OrderIndexEntry OrderIndexEntry => new(PartnerId, ChannelOrderRef, CustomerId, Status, CreatedAt, Total, Currency);
}
