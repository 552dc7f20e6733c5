using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Grains.Tests.Fixtures;

namespace OrleansDistribution.Grains.Tests.Orders;

[Collection(ClusterCollection.Name)]
public sealed class OrderAcceptanceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SubmitAsync_StockedAndPricedLines_AcceptsWithCurrentPriceListAndReservesEveryLine()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var drill = await catalog.StockAsync(onHand: 10);
        var bolts = await catalog.StockAsync(onHand: 500);
        await catalog.PublishPricesAsync("v1", (drill, 150.00m), (bolts, 0.30m));
        await catalog.PublishPricesAsync("v2", (drill, 129.90m), (bolts, 0.25m));

        var order = await catalog.NewOrder().PlaceAsync(catalog.Order((drill, 2), (bolts, 100)));

        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal("v2", order.PriceListVersion);
        Assert.Equal("EUR", order.Currency);
        Assert.Equal([new PricedOrderLine(drill, 2, 129.90m), new PricedOrderLine(bolts, 100, 0.25m)], order.Lines);
        Assert.Equal(284.80m, order.Total);
        Assert.Null(order.Exception);
        var accepted = Assert.Single(order.Timeline);
        Assert.Equal(OrderStatus.Accepted, accepted.Status);

        var drillStock = await catalog.StockOfAsync(drill);
        Assert.Equal((10, 2, 8), (drillStock.OnHand, drillStock.Reserved, drillStock.Available));
        var boltStock = await catalog.StockOfAsync(bolts);
        Assert.Equal((500, 100, 400), (boltStock.OnHand, boltStock.Reserved, boltStock.Available));
    }

    [Fact]
    public async Task SubmitAsync_SameSkuOnSeveralLines_ReservesTheSum()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand: 10);
        await catalog.PublishPricesAsync("v1", (sku, 2.00m));

        var order = await catalog.NewOrder().PlaceAsync(catalog.Order((sku, 3), (sku, 4)));

        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal(14.00m, order.Total);
        var stock = await catalog.StockOfAsync(sku);
        Assert.Equal(7, stock.Reserved);
        Assert.Equal(3, stock.Available);
    }

    [Fact]
    public async Task SubmitAsync_SameSkuSplitOverLinesBeyondStock_GoesOnHold()
    {
        // Each line alone fits the stock; together they would oversell it.
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand: 5);
        await catalog.PublishPricesAsync("v1", (sku, 2.00m));

        var order = await catalog.NewOrder().PlaceAsync(catalog.Order((sku, 3), (sku, 3)));

        Assert.Equal(OrderStatus.OnHold, order.Status);
        Assert.Equal(OrderExceptionTypes.StockConstrained, order.Exception?.Type);
        var stock = await catalog.StockOfAsync(sku);
        Assert.Equal((0, 5), (stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task SubmitAsync_NewPriceListAfterAcceptance_OrderKeepsItsVersionAndPrices()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand: 10);
        await catalog.PublishPricesAsync("v1", (sku, 10.00m));
        var orderGrain = catalog.NewOrder();
        await orderGrain.PlaceAsync(catalog.Order((sku, 3)));

        await catalog.PublishPricesAsync("v2", (sku, 12.50m));
        var later = await catalog.NewOrder().PlaceAsync(catalog.Order((sku, 1)));
        var original = await orderGrain.GetAsync();

        Assert.NotNull(original);
        Assert.Equal("v1", original.PriceListVersion);
        Assert.Equal(10.00m, Assert.Single(original.Lines).UnitPrice);
        Assert.Equal(30.00m, original.Total);
        Assert.Equal("v2", later.PriceListVersion);
        Assert.Equal(12.50m, Assert.Single(later.Lines).UnitPrice);
    }

    [Fact]
    public async Task SubmitAsync_UnknownSku_RefusedAsUnprocessableAndNothingReserved()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var stocked = await catalog.StockAsync(onHand: 10);
        var unknown = TestPartner.NewSku();
        await catalog.PublishPricesAsync("v1", (stocked, 5.00m), (unknown, 5.00m));
        var orderGrain = catalog.NewOrder();

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => orderGrain.PlaceAsync(catalog.Order((stocked, 2), (unknown, 1))));

        Assert.Equal(RuleViolationKind.Unprocessable, refusal.Kind);
        Assert.Equal(RuleCodes.UnknownSku, refusal.Code);
        Assert.Contains(unknown, refusal.Message, StringComparison.Ordinal);
        Assert.Null(await orderGrain.GetAsync());
        var stock = await catalog.StockOfAsync(stocked);
        Assert.Equal((0, 10), (stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task SubmitAsync_UnpricedSku_RefusedAsUnprocessableAndNothingReserved()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var priced = await catalog.StockAsync(onHand: 10);
        var unpriced = await catalog.StockAsync(onHand: 10);
        await catalog.PublishPricesAsync("v1", (priced, 5.00m));
        var orderGrain = catalog.NewOrder();

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => orderGrain.PlaceAsync(catalog.Order((priced, 2), (unpriced, 1))));

        Assert.Equal(RuleViolationKind.Unprocessable, refusal.Kind);
        Assert.Equal(RuleCodes.UnpricedSku, refusal.Code);
        Assert.Contains(unpriced, refusal.Message, StringComparison.Ordinal);
        Assert.Null(await orderGrain.GetAsync());
        Assert.Equal(0, (await catalog.StockOfAsync(priced)).Reserved);
        Assert.Equal(0, (await catalog.StockOfAsync(unpriced)).Reserved);
    }

    [Fact]
    public async Task SubmitAsync_PartnerWithoutPriceList_RefusedAsUnprocessable()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand: 10);

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => catalog.NewOrder().PlaceAsync(catalog.Order((sku, 1))));

        Assert.Equal(RuleViolationKind.Unprocessable, refusal.Kind);
        Assert.Equal(RuleCodes.NoPriceList, refusal.Code);
        Assert.Equal(0, (await catalog.StockOfAsync(sku)).Reserved);
    }

    [Fact]
    public async Task SubmitAsync_OneSkuShort_GoesOnHoldStockConstrainedWithNoReservationLeft()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var plenty = await catalog.StockAsync(onHand: 10);
        var scarce = await catalog.StockAsync(onHand: 1);
        await catalog.PublishPricesAsync("v1", (plenty, 1.00m), (scarce, 1.00m));
        var orderGrain = catalog.NewOrder();

        var order = await orderGrain.PlaceAsync(catalog.Order((plenty, 4), (scarce, 5)));

        Assert.Equal(OrderStatus.OnHold, order.Status);
        Assert.NotNull(order.Exception);
        Assert.Equal(OrderExceptionTypes.StockConstrained, order.Exception.Type);
        Assert.Contains(scarce, order.Exception.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(plenty, order.Exception.LastError, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.OnHold, (await orderGrain.GetAsync())?.Status);

        var plentyStock = await catalog.StockOfAsync(plenty);
        Assert.Equal((10, 0, 10), (plentyStock.OnHand, plentyStock.Reserved, plentyStock.Available));
        var scarceStock = await catalog.StockOfAsync(scarce);
        Assert.Equal((1, 0, 1), (scarceStock.OnHand, scarceStock.Reserved, scarceStock.Available));
    }

    [Fact]
    public async Task SubmitAsync_ReservationOfOneLineFails_ReleasesTheOtherLines()
    {
        // A zero quantity never passes the API's validation; here it stands in for any failing reservation call.
        var catalog = await fixture.OnboardPartnerAsync();
        var good = await catalog.StockAsync(onHand: 10);
        var failing = await catalog.StockAsync(onHand: 10);
        await catalog.PublishPricesAsync("v1", (good, 1.00m), (failing, 1.00m));
        var orderGrain = catalog.NewOrder();

        var failure = await Record.ExceptionAsync(() => orderGrain.PlaceAsync(catalog.Order((good, 2), (failing, 0))));

        Assert.NotNull(failure);
        Assert.Null(await orderGrain.GetAsync());
        var stock = await catalog.StockOfAsync(good);
        Assert.Equal((0, 10), (stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task SubmitAsync_FortyConcurrentOrdersForTenUnits_AcceptsExactlyTen()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand: 10);
        await catalog.PublishPricesAsync("v1", (sku, 9.99m));

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            catalog.Intake($"key-{Guid.NewGuid():N}").SubmitAsync($"fp-{Guid.NewGuid():N}", catalog.Order((sku, 1)))));

        Assert.Equal(40, results.Select(result => result.Order.OrderId).Distinct().Count());
        Assert.Equal(10, results.Count(result => result.Order.Status == OrderStatus.Accepted));
        Assert.All(results.Where(result => result.Order.Status != OrderStatus.Accepted), result =>
        {
            Assert.Equal(OrderStatus.OnHold, result.Order.Status);
            Assert.Equal(OrderExceptionTypes.StockConstrained, result.Order.Exception?.Type);
        });
        var stock = await catalog.StockOfAsync(sku);
        Assert.Equal((10, 10, 0), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task SubmitAsync_InactiveCustomer_RefusedWithInactiveCustomerAndNothingReserved()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand: 10);
        await catalog.PublishPricesAsync("v1", (sku, 1.00m));
        var orderGrain = catalog.NewOrder();

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            orderGrain.PlaceAsync(catalog.OrderFor($"INACTIVE-{Guid.NewGuid():N}", (sku, 1))));

        Assert.Equal(RuleViolationKind.Unprocessable, refusal.Kind);
        Assert.Equal(RuleCodes.InactiveCustomer, refusal.Code);
        Assert.Null(await orderGrain.GetAsync());
        Assert.Equal(0, (await catalog.StockOfAsync(sku)).Reserved);
    }

    [Fact]
    public async Task SubmitAsync_SuspendedPartner_RefusedAsForbidden()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand: 10);
        await catalog.PublishPricesAsync("v1", (sku, 1.00m));
        await catalog.Partner.SetStatusAsync(PartnerStatus.Suspended);
        var orderGrain = catalog.NewOrder();

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => orderGrain.PlaceAsync(catalog.Order((sku, 1))));

        Assert.Equal(RuleViolationKind.Forbidden, refusal.Kind);
        Assert.Equal(RuleCodes.PartnerSuspended, refusal.Code);
        Assert.Null(await orderGrain.GetAsync());
        Assert.Equal(0, (await catalog.StockOfAsync(sku)).Reserved);
    }

    [Fact]
    public async Task SubmitAsync_ReactivatedPartner_IsAcceptedAgain()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand: 10);
        await catalog.PublishPricesAsync("v1", (sku, 1.00m));
        await catalog.Partner.SetStatusAsync(PartnerStatus.Suspended);
        await Assert.ThrowsAsync<RuleViolationException>(() => catalog.NewOrder().PlaceAsync(catalog.Order((sku, 1))));

        await catalog.Partner.SetStatusAsync(PartnerStatus.Active);
        var order = await catalog.NewOrder().PlaceAsync(catalog.Order((sku, 1)));

        Assert.Equal(OrderStatus.Accepted, order.Status);
    }

    [Fact]
    public async Task SubmitAsync_UnknownPartner_RefusedAsNotFound()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand: 10);
        var submission = catalog.Order((sku, 1)) with { PartnerId = $"partner-{Guid.NewGuid():N}" };

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => catalog.NewOrder().PlaceAsync(submission));

        Assert.Equal(RuleViolationKind.NotFound, refusal.Kind);
        Assert.Equal(RuleCodes.PartnerNotFound, refusal.Code);
    }

    [Fact]
    public async Task SubmitAsync_SameOrderIdAgain_ReturnsExistingOrderWithoutReservingTwice()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand: 10);
        await catalog.PublishPricesAsync("v1", (sku, 1.00m));
        var orderGrain = catalog.NewOrder();
        var submission = catalog.Order((sku, 3));
        var first = await orderGrain.PlaceAsync(submission);

        var second = await orderGrain.PlaceAsync(submission);

        Assert.Equal(first.OrderId, second.OrderId);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Equal(3, (await catalog.StockOfAsync(sku)).Reserved);
    }
}
