using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Tests.Fixtures;

namespace OrleansDistribution.Grains.Tests.Orders;

[Collection(ClusterCollection.Name)]
public sealed class OrderWorkflowTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AcceptedOrder_ByItself_ReachesReleasedToWarehouseThroughErpCommit()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 10);
        var orderGrain = catalog.NewOrder();
        await orderGrain.PlaceAsync(catalog.Order((sku, 2)));

        var released = await TestPartner.WaitForStatusAsync(orderGrain, OrderStatus.ReleasedToWarehouse);

        Assert.Equal(
            [OrderStatus.Accepted, OrderStatus.ErpCommitted, OrderStatus.ReleasedToWarehouse],
            released.Timeline.Select(entry => entry.Status));
        Assert.Equal(
            [null, OrderStatus.Accepted, OrderStatus.ErpCommitted],
            released.Timeline.Select(entry => entry.From));
        Assert.Null(released.Exception);
        // Stock stays promised to the order until it ships.
        var stock = await catalog.StockOfAsync(sku);
        Assert.Equal((10, 2, 8), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task AcceptedOrder_Timeline_CarriesTheSubmissionCorrelationId()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 10);
        var orderGrain = catalog.NewOrder();
        var correlationId = $"corr-{Guid.NewGuid():N}";
        RequestContext.Set(DistributionNames.CorrelationIdKey, correlationId);
        try
        {
            await orderGrain.PlaceAsync(catalog.Order((sku, 1)));
        }
        finally
        {
            RequestContext.Remove(DistributionNames.CorrelationIdKey);
        }

        var released = await TestPartner.WaitForStatusAsync(orderGrain, OrderStatus.ReleasedToWarehouse);

        Assert.All(released.Timeline, entry => Assert.Equal(correlationId, entry.CorrelationId));
    }

    [Fact]
    public async Task RecordShipmentAsync_ShippedRepeated_DeductsOnHandExactlyOnce()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 10);
        var other = await catalog.StockAsync(onHand: 20);
        await catalog.PublishPricesAsync("v2", (sku, 10.00m), (other, 1.00m));
        var orderGrain = catalog.NewOrder();
        await orderGrain.PlaceAsync(catalog.Order((sku, 3), (other, 5)));
        await TestPartner.WaitForStatusAsync(orderGrain, OrderStatus.ReleasedToWarehouse);
        var shipment = new ShipmentEvent(ShipmentMilestone.Shipped, "DHL", "JD0001");

        var shipped = await orderGrain.RecordShipmentAsync(shipment);
        var repeated = await orderGrain.RecordShipmentAsync(shipment);

        Assert.Equal(OrderStatus.Shipped, shipped.Status);
        Assert.Equal(OrderStatus.Shipped, repeated.Status);
        Assert.Single(repeated.Timeline, entry => entry.Status == OrderStatus.Shipped);
        var stock = await catalog.StockOfAsync(sku);
        Assert.Equal((7, 0, 7), (stock.OnHand, stock.Reserved, stock.Available));
        var otherStock = await catalog.StockOfAsync(other);
        Assert.Equal((15, 0, 15), (otherStock.OnHand, otherStock.Reserved, otherStock.Available));
    }

    [Fact]
    public async Task RecordShipmentAsync_AfterCancel_RefusedAndStockUntouched()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 10);
        var orderGrain = catalog.NewOrder();
        await orderGrain.PlaceAsync(catalog.Order((sku, 3)));
        await TestPartner.WaitForStatusAsync(orderGrain, OrderStatus.ReleasedToWarehouse);
        await orderGrain.CancelAsync("customer cancelled");

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            orderGrain.RecordShipmentAsync(new ShipmentEvent(ShipmentMilestone.Shipped, "DHL", "JD0004")));

        Assert.Equal(RuleViolationKind.Conflict, refusal.Kind);
        Assert.Equal(OrderStatus.Cancelled, (await orderGrain.GetAsync())?.Status);
        var stock = await catalog.StockOfAsync(sku);
        Assert.Equal((10, 0, 10), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task RecordShipmentAsync_DeliveredAfterShipped_CompletesOrder()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 10);
        var orderGrain = catalog.NewOrder();
        await orderGrain.PlaceAsync(catalog.Order((sku, 1)));
        await TestPartner.WaitForStatusAsync(orderGrain, OrderStatus.ReleasedToWarehouse);
        await orderGrain.RecordShipmentAsync(new ShipmentEvent(ShipmentMilestone.Shipped, "UPS", "1Z999"));

        var delivered = await orderGrain.RecordShipmentAsync(new ShipmentEvent(ShipmentMilestone.Delivered, "UPS", "1Z999"));
        var repeated = await orderGrain.RecordShipmentAsync(new ShipmentEvent(ShipmentMilestone.Delivered, "UPS", "1Z999"));
        var lateShipped = await orderGrain.RecordShipmentAsync(new ShipmentEvent(ShipmentMilestone.Shipped, "UPS", "1Z999"));

        Assert.Equal(OrderStatus.Delivered, delivered.Status);
        Assert.Equal(OrderStatus.Delivered, repeated.Status);
        Assert.Equal(OrderStatus.Delivered, lateShipped.Status);
        Assert.Equal(OrderStatus.Delivered, delivered.Timeline[^1].Status);
        Assert.Single(lateShipped.Timeline, entry => entry.Status == OrderStatus.Delivered);
        Assert.Equal(9, (await catalog.StockOfAsync(sku)).OnHand);
    }

    [Fact]
    public async Task RecordShipmentAsync_OrderOnHold_RefusedAsConflict()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 1);
        var orderGrain = catalog.NewOrder();
        await orderGrain.PlaceAsync(catalog.Order((sku, 5)));

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            orderGrain.RecordShipmentAsync(new ShipmentEvent(ShipmentMilestone.Shipped, "DHL", "JD0002")));

        Assert.Equal(RuleViolationKind.Conflict, refusal.Kind);
        Assert.Equal(RuleCodes.InvalidTransition, refusal.Code);
        Assert.Equal(OrderStatus.OnHold, (await orderGrain.GetAsync())?.Status);
        Assert.Equal(1, (await catalog.StockOfAsync(sku)).OnHand);
    }

    [Fact]
    public async Task CancelAsync_JustAcceptedOrder_ReleasesReservations()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 10);
        var orderGrain = catalog.NewOrder();
        await orderGrain.PlaceAsync(catalog.Order((sku, 4)));

        var cancelled = await orderGrain.CancelAsync("customer changed their mind");

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Contains("customer changed their mind", cancelled.Timeline[^1].Detail, StringComparison.Ordinal);
        var stock = await catalog.StockOfAsync(sku);
        Assert.Equal((10, 0, 10), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task CancelAsync_ReleasedToWarehouse_ReleasesReservationsAndStaysCancelled()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 10);
        var orderGrain = catalog.NewOrder();
        await orderGrain.PlaceAsync(catalog.Order((sku, 4)));
        await TestPartner.WaitForStatusAsync(orderGrain, OrderStatus.ReleasedToWarehouse);

        var cancelled = await orderGrain.CancelAsync("duplicate order");
        var again = await orderGrain.CancelAsync("duplicate order");

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(OrderStatus.Cancelled, again.Status);
        Assert.Single(again.Timeline, entry => entry.Status == OrderStatus.Cancelled);
        var stock = await catalog.StockOfAsync(sku);
        Assert.Equal((10, 0, 10), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task CancelAsync_OrderOnHold_CancelsWithoutTouchingStock()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 2);
        var orderGrain = catalog.NewOrder();
        await orderGrain.PlaceAsync(catalog.Order((sku, 3)));

        var cancelled = await orderGrain.CancelAsync("");

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Null(cancelled.Exception);
        var stock = await catalog.StockOfAsync(sku);
        Assert.Equal((2, 0, 2), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task CancelAsync_AfterShipped_RefusedAsConflictAndStockStaysDeducted()
    {
        var (catalog, sku) = await CatalogWithStockAsync(onHand: 10);
        var orderGrain = catalog.NewOrder();
        await orderGrain.PlaceAsync(catalog.Order((sku, 3)));
        await TestPartner.WaitForStatusAsync(orderGrain, OrderStatus.ReleasedToWarehouse);
        await orderGrain.RecordShipmentAsync(new ShipmentEvent(ShipmentMilestone.Shipped, "DHL", "JD0003"));

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => orderGrain.CancelAsync("too late"));

        Assert.Equal(RuleViolationKind.Conflict, refusal.Kind);
        Assert.Equal(RuleCodes.InvalidTransition, refusal.Code);
        Assert.Equal(OrderStatus.Shipped, (await orderGrain.GetAsync())?.Status);
        var stock = await catalog.StockOfAsync(sku);
        Assert.Equal((7, 0, 7), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task CancelAsync_UnknownOrder_RefusedAsNotFound()
    {
        var catalog = await fixture.OnboardPartnerAsync();

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => catalog.NewOrder().CancelAsync("no such order"));

        Assert.Equal(RuleViolationKind.NotFound, refusal.Kind);
        Assert.Equal(RuleCodes.OrderNotFound, refusal.Code);
    }

    private async Task<(TestPartner Catalog, string Sku)> CatalogWithStockAsync(int onHand)
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand);
        await catalog.PublishPricesAsync("v1", (sku, 10.00m));
        return (catalog, sku);
    }
}
