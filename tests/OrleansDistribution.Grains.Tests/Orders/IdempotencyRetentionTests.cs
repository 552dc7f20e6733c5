using OrleansDistribution.TestSupport;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Tests.Fixtures;
using OrleansDistribution.Hosting;

namespace OrleansDistribution.Grains.Tests.Orders;

/// <summary>
/// An Idempotency-Key is bound to its first response for Distribution:Workflow:IdempotencyRetention, then it is
/// free again: the next submission under it is a new order. Own one-silo cluster with a retention of seconds.
/// </summary>
public sealed class IdempotencyRetentionTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await ClusterFixture.DeployAsync(1, new Dictionary<string, string?>
    {
        ["Distribution:Workflow:IdempotencyRetention"] = "00:00:02",
    });

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task SubmitAsync_AfterTheKeysRetention_CreatesANewOrderThatIsReplayedInTurn()
    {
        var catalog = await TestCatalog.CreateAsync(_cluster.Client);
        var sku = await catalog.StockAsync(10);
        await catalog.PublishPricesAsync("v1", (sku, 1m));
        var intake = catalog.Intake($"key-{Guid.NewGuid():N}");
        var submission = catalog.Order((sku, 1));
        var first = await intake.SubmitAsync("fp-1", submission);

        var second = await Eventually.MatchesAsync(() => intake.SubmitAsync("fp-1", submission), result => !result.Replayed,
            "the key's retention runs out", TimeSpan.FromSeconds(20));
        var third = await intake.SubmitAsync("fp-1", submission);

        Assert.NotEqual(first.Order.OrderId, second.Order.OrderId);
        Assert.Equal(OrderStatus.Accepted, second.Order.Status);
        Assert.True(third.Replayed);
        Assert.Equal(second.Order.OrderId, third.Order.OrderId);
        Assert.Equal(2, (await catalog.StockOfAsync(sku)).Reserved);
    }
}
