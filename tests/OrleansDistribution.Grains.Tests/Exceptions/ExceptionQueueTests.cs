using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Tests.Fixtures;

namespace OrleansDistribution.Grains.Tests.Exceptions;

[Collection(ClusterCollection.Name)]
public sealed class ExceptionQueueTests(ClusterFixture fixture)
{
    [Fact]
    public async Task StockConstrainedOrders_ManyAtOnce_EachListedOnceInItsQueueAndGoneWhenResolved()
    {
        // A sold-out SKU puts a burst of orders on hold: their entries spread over the queue's shards, and the
        // queue lists every one of them (the partner filter keeps other tests' entries out).
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand: 0);
        await catalog.PublishPricesAsync("v1", (sku, 1m));

        var held = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => catalog.NewOrder().PlaceAsync(catalog.Order((sku, 1)))));

        Assert.All(held, order => Assert.Equal(OrderStatus.OnHold, order.Status));
        var queue = fixture.Client.GetGrain<IExceptionQueueGrain>(OrderExceptionTypes.StockConstrained);
        var listed = await queue.ListAsync(catalog.PartnerId);
        Assert.Equal(held.Select(order => order.Exception!.ExceptionId).Order(), listed.Select(entry => entry.ExceptionId).Order());
        Assert.True(listed.Select(entry => ExceptionQueues.ShardOf(entry.Type, entry.ExceptionId)).Distinct().Count() > 1);
        Assert.Equal(60, (await queue.CountByPartnerAsync())[catalog.PartnerId]);

        var first = held[0];
        await catalog.OrderGrain(first.OrderId).ResolveExceptionAsync(first.Exception!.ExceptionId, ExceptionAction.Cancel, "test", null);

        Assert.DoesNotContain(await queue.ListAsync(catalog.PartnerId), entry => entry.ExceptionId == first.Exception.ExceptionId);
    }
}
