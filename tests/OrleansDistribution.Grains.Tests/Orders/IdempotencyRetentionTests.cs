using OrleansDistribution.TestSupport;
using Microsoft.Extensions.Configuration;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Tests.Fixtures;
using OrleansDistribution.Hosting;

namespace OrleansDistribution.Grains.Tests.Orders;

/// <summary>
/// An Idempotency-Key is bound to its first response for Distribution:Workflow:IdempotencyRetention, then it is
/// free again: the next submission under it is a new order. Own one-silo cluster with a retention of an hour, passed on the grains' clock.
/// </summary>
public sealed class IdempotencyRetentionTests : IAsyncLifetime
{
    private DistributionTestCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await DistributionTestCluster.StartAsync(new DistributionTestClusterOptions
    {
        Settings = { ["Distribution:Workflow:IdempotencyRetention"] = "01:00:00" },
    });

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task SubmitAsync_AfterTheKeysRetention_CreatesANewOrderThatIsReplayedInTurn()
    {
        var catalog = await _cluster.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(10);
        await catalog.PublishPricesAsync("v1", (sku, 1m));
        var intake = catalog.Intake($"key-{Guid.NewGuid():N}");
        var submission = catalog.Order((sku, 1));
        var first = await intake.SubmitAsync("fp-1", submission);

        var replayed = await intake.SubmitAsync("fp-1", submission);
        // The retention runs on the grains' clock: an hour and a second pass at once.
        _cluster.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var second = await intake.SubmitAsync("fp-1", submission);
        var third = await intake.SubmitAsync("fp-1", submission);

        Assert.True(replayed.Replayed);
        Assert.False(second.Replayed);
        Assert.NotEqual(first.Order.OrderId, second.Order.OrderId);
        Assert.Equal(OrderStatus.Accepted, second.Order.Status);
        Assert.True(third.Replayed);
        Assert.Equal(second.Order.OrderId, third.Order.OrderId);
        Assert.Equal(2, (await catalog.StockOfAsync(sku)).Reserved);
    }
}
