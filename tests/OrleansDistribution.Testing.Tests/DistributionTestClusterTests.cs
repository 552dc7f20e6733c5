using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Integration.Simulated;
using OrleansDistribution.Testing.Xunit;

namespace OrleansDistribution.Testing.Tests;

/// <summary>What the kit's cluster and partner helpers promise a test, through the kit's own collection.</summary>
[Collection(typeof(DistributionClusterCollection))]
public sealed class DistributionTestClusterTests(DistributionClusterFixture fixture)
{
    private DistributionTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task SubmitAsync_SameKeyAndBodyReplays_SameKeyOtherBodyRefused_AsTheApiDoes()
    {
        var partner = await ReadyPartnerAsync();
        var sku = await partner.StockAsync(10);
        await partner.PublishPricesAsync("v1", (sku, 2m));
        var order = partner.Order((sku, 1));

        var first = await partner.SubmitAsync("po-1", order);
        var again = await partner.SubmitAsync("po-1", order);
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => partner.SubmitAsync("po-1", partner.Order((sku, 3))));

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Order.OrderId, again.Order.OrderId);
        Assert.Equal(OrderIds.For(partner.PartnerId, "po-1"), first.Order.OrderId);
        Assert.Equal(RuleCodes.IdempotencyKeyReused, refusal.Code);
        Assert.Equal(1, (await partner.StockOfAsync(sku)).Reserved);
    }

    [Fact]
    public async Task ErpLosesEveryAnswer_OrderRetriesUnderOneKey_LedgerCountsOneCommit_ReleasedOnceAnswersReturn()
    {
        var partner = await ReadyPartnerAsync();
        var sku = await partner.StockAsync(10);
        await partner.PublishPricesAsync("v1", (sku, 2m));
        Cluster.Erp.LoseResponses();
        try
        {
            var orderId = (await partner.SubmitAsync($"po-{Guid.NewGuid():N}", partner.Order((sku, 1)))).Order.OrderId;
            await Eventually.HoldsAsync(() => Cluster.Ledger.Of(orderId)?.Requests >= 3, "the commit is sent again after lost answers");
            Assert.Equal(OrderStatus.Accepted, (await partner.OrderGrain(orderId).GetAsync())!.Status);

            Cluster.Erp.Recover();
            await partner.WaitForStatusAsync(orderId, OrderStatus.ReleasedToWarehouse);
            var record = Cluster.Ledger.Of(orderId)!;
            Assert.Equal((1, 1, 0), (record.Commits, record.Releases, record.Cancels));
        }
        finally
        {
            Cluster.ClearFaults();
        }
    }

    [Fact]
    public async Task ErpRefusesASku_OrderHeldAsErpRejected_NothingCommitted()
    {
        var partner = await ReadyPartnerAsync();
        var blocked = await partner.StockAsync(10);
        await partner.PublishPricesAsync("v1", (blocked, 2m));
        Cluster.Erp.RejectSkus(blocked);
        try
        {
            var orderId = (await partner.SubmitAsync($"po-{Guid.NewGuid():N}", partner.Order((blocked, 1)))).Order.OrderId;

            var held = await partner.WaitForExceptionAsync(orderId, OrderExceptionTypes.ErpRejected);
            Assert.Contains(blocked, held.Exception!.LastError, StringComparison.Ordinal);
            Assert.Equal(0, Cluster.Ledger.Of(orderId)?.Commits ?? 0);
            Assert.Throws<InvalidOperationException>(() => Cluster.Warehouse.RejectSkus(blocked));
        }
        finally
        {
            Cluster.ClearFaults();
        }
    }

    [Fact]
    public async Task Events_WhatThePartnerReceives_ItsOrdersStatusesInOrder_NoOtherPartnersEvents()
    {
        var partner = await ReadyPartnerAsync();
        var other = await ReadyPartnerAsync();
        var sku = await partner.StockAsync(10);
        await partner.PublishPricesAsync("v1", (sku, 2m));
        var otherSku = await other.StockAsync(10);
        await other.PublishPricesAsync("v1", (otherSku, 2m));
        var events = partner.Events();

        var orderId = (await partner.SubmitAsync("po-events", partner.Order((sku, 1)))).Order.OrderId;
        await other.SubmitAsync("po-events", other.Order((otherSku, 1)));
        await events.WaitForAsync<OrderStatusChanged>(e => e.OrderId == orderId && e.Status == OrderStatus.ReleasedToWarehouse, "the release reaches the partner");

        var statuses = events.Received.OfType<OrderStatusChanged>().Where(e => e.OrderId == orderId).Select(e => e.Status).ToList();
        Assert.Equal(OrderStatus.Accepted, statuses[0]);
        Assert.Equal(OrderStatus.ReleasedToWarehouse, statuses[^1]);
        Assert.All(events.Received.OfType<OrderStatusChanged>(), e => Assert.Equal(partner.PartnerId, e.PartnerId));
    }

    [Fact]
    public async Task Clock_AdvancedPastTheShipSla_RaisesShipmentOverdue()
    {
        var partner = await ReadyPartnerAsync();
        var sku = await partner.StockAsync(10);
        await partner.PublishPricesAsync("v1", (sku, 2m));
        var orderId = (await partner.SubmitAsync("po-sla", partner.Order((sku, 1)))).Order.OrderId;
        await partner.WaitForStatusAsync(orderId, OrderStatus.ReleasedToWarehouse);

        fixture.Clock.Advance(TimeSpan.FromHours(49));

        var overdue = await partner.WaitForExceptionAsync(orderId, OrderExceptionTypes.ShipmentOverdue);
        Assert.Equal(OrderStatus.ReleasedToWarehouse, overdue.Status);
    }

    private Task<TestPartner> ReadyPartnerAsync() => fixture.OnboardPartnerAsync();
}
