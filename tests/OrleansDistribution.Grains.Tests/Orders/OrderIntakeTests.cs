using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Tests.Fixtures;

namespace OrleansDistribution.Grains.Tests.Orders;

[Collection(ClusterCollection.Name)]
public sealed class OrderIntakeTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SubmitAsync_ThirtyConcurrentCallsWithOneKey_CreateOneOrderAndReplayTheRest()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 100);
        var intake = catalog.Intake($"key-{Guid.NewGuid():N}");
        var submission = catalog.Order((sku, 2));

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => intake.SubmitAsync("fp-1", submission)));

        var orderId = Assert.Single(results.Select(result => result.Order.OrderId).Distinct());
        Assert.Single(results, result => !result.Replayed);
        Assert.Equal(29, results.Count(result => result.Replayed));
        Assert.All(results, result => Assert.Equal(OrderStatus.Accepted, result.Order.Status));
        Assert.NotNull(await catalog.OrderGrain(orderId).GetAsync());
        var stock = await catalog.StockOfAsync(sku);
        Assert.Equal((2, 98), (stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task SubmitAsync_ReplayAfterWorkflowMoved_ReturnsFirstResponse()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 10);
        var intake = catalog.Intake($"key-{Guid.NewGuid():N}");
        var submission = catalog.Order((sku, 1));
        var first = await intake.SubmitAsync("fp-1", submission);
        await TestPartner.WaitForStatusAsync(catalog.OrderGrain(first.Order.OrderId), OrderStatus.ReleasedToWarehouse);

        var replay = await intake.SubmitAsync("fp-1", submission);

        Assert.False(first.Replayed);
        Assert.True(replay.Replayed);
        Assert.Equal(first.Order.OrderId, replay.Order.OrderId);
        Assert.Equal(OrderStatus.Accepted, replay.Order.Status);
        Assert.Equal(1, (await catalog.StockOfAsync(sku)).Reserved);
    }

    [Fact]
    public async Task SubmitAsync_SameKeyDifferentBody_RefusedAsKeyReused()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 10);
        var intake = catalog.Intake($"key-{Guid.NewGuid():N}");
        var first = await intake.SubmitAsync("fp-1", catalog.Order((sku, 1)));

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => intake.SubmitAsync("fp-2", catalog.Order((sku, 5))));

        Assert.Equal(RuleViolationKind.Unprocessable, refusal.Kind);
        Assert.Equal(RuleCodes.IdempotencyKeyReused, refusal.Code);
        Assert.Equal(1, (await catalog.StockOfAsync(sku)).Reserved);
        var replay = await intake.SubmitAsync("fp-1", catalog.Order((sku, 1)));
        Assert.Equal(first.Order.OrderId, replay.Order.OrderId);
    }

    [Fact]
    public async Task SubmitAsync_RefusedSubmission_LeavesKeyFreeForCorrectedBody()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 10);
        var intake = catalog.Intake($"key-{Guid.NewGuid():N}");
        var unknownSku = TestPartner.NewSku();

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => intake.SubmitAsync("fp-wrong", catalog.Order((unknownSku, 1))));
        var corrected = await intake.SubmitAsync("fp-corrected", catalog.Order((sku, 1)));
        var replay = await intake.SubmitAsync("fp-corrected", catalog.Order((sku, 1)));

        Assert.Equal(RuleCodes.UnknownSku, refusal.Code);
        Assert.False(corrected.Replayed);
        Assert.Equal(OrderStatus.Accepted, corrected.Order.Status);
        Assert.True(replay.Replayed);
        Assert.Equal(corrected.Order.OrderId, replay.Order.OrderId);
        Assert.Equal(1, (await catalog.StockOfAsync(sku)).Reserved);
    }

    [Fact]
    public async Task SubmitAsync_SameKeyForTwoPartners_CreatesTwoOrders()
    {
        var (first, firstSku) = await CatalogWithStockAsync(onHand: 10);
        var (second, secondSku) = await CatalogWithStockAsync(onHand: 10);
        var key = $"key-{Guid.NewGuid():N}";

        var firstResult = await first.Intake(key).SubmitAsync("fp-1", first.Order((firstSku, 1)));
        var secondResult = await second.Intake(key).SubmitAsync("fp-1", second.Order((secondSku, 1)));

        Assert.False(firstResult.Replayed);
        Assert.False(secondResult.Replayed);
        Assert.NotEqual(firstResult.Order.OrderId, secondResult.Order.OrderId);
        Assert.Equal(second.PartnerId, secondResult.Order.PartnerId);
    }

    private async Task<(TestPartner Catalog, string Sku)> CatalogWithStockAsync(int onHand)
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand);
        await catalog.PublishPricesAsync("v1", (sku, 10.00m));
        return (catalog, sku);
    }
}
