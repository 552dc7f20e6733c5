using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Tests.Fixtures;
using OrleansDistribution.Grains.Workflow;

namespace OrleansDistribution.Grains.Tests.Orders;

/// <summary>
/// The workflow's SLAs with the default settings, on a fake clock: the accepted → ERP committed SLA (15 minutes,
/// retries backing off 2 s → 30 s) and the released → shipped SLA (48 hours). The grains and the Orleans timers they
/// register share the clock (the <c>Grains</c> keyed <see cref="TimeProvider"/>), so a test moves both and waits
/// for nothing but the grains' own work. A one-silo cluster of this class's own, with the production timings.
/// </summary>
public sealed class WorkflowSlaTests : IClassFixture<DefaultTimingsClusterFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);
    private readonly DistributionTestCluster _cluster;
    private readonly TestClock _clock;

    // The clock stands still between the test's moves, so times are exact. The kit's ERP circuit half-opens after a real
    // second, so the replay after recovery does not wait 15 s for its probe.
    public WorkflowSlaTests(DefaultTimingsClusterFixture fixture)
    {
        _cluster = fixture.Cluster;
        _clock = fixture.Clock;
        _clock.Freeze();
    }

    [Fact]
    public async Task CommitKeepsFailingUntilItsSla_HeldOnceAsErpUnavailable_ReplayAfterRecoveryReleases()
    {
        var defaults = new WorkflowOptions();
        var sla = defaults.ErpCommitWithin;
        var grains = _cluster.Client;
        var catalog = await _cluster.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(10);
        await catalog.PublishPricesAsync("v1", (sku, 1m));
        _cluster.Erp.Fail();
        // Acceptance itself asks the ERP about the customer; with errors injected it proceeds without the answer.
        var order = catalog.NewOrder();
        var accepted = await order.PlaceAsync(catalog.Order((sku, 1)));
        Assert.Equal(OrderStatus.Accepted, accepted.Status);
        Assert.Equal(_clock.GetUtcNow(), accepted.CreatedAt);

        // Up to a minute before the SLA: retried quietly, nobody is asked to do anything.
        await AdvanceAsync(sla - TimeSpan.FromMinutes(1), Step);
        var waiting = await order.GetAsync();
        Assert.Equal(OrderStatus.Accepted, waiting!.Status);
        Assert.Null(waiting.Exception);
        Assert.Empty(await grains.GetGrain<IExceptionQueueGrain>(OrderExceptionTypes.ErpUnavailable).ListAsync(catalog.PartnerId));

        // Past it: one exception for a person, at the commit step.
        var held = await AdvanceUntilAsync(order, snapshot => snapshot.Status == OrderStatus.OnHold, TimeSpan.FromMinutes(2), Step);
        Assert.Equal(OrderExceptionTypes.ErpUnavailable, held.Exception!.Type);
        Assert.Equal("erp-commit", held.Exception.Step);
        Assert.InRange(held.Exception.RaisedAt - accepted.CreatedAt, sla, sla + defaults.MaxStepRetryDelay + Step);
        var queued = await grains.GetGrain<IExceptionQueueGrain>(OrderExceptionTypes.ErpUnavailable).ListAsync(catalog.PartnerId);
        Assert.Equal(held.Exception.ExceptionId, Assert.Single(queued).ExceptionId);

        _cluster.Erp.Recover();
        var outcome = await order.RetryExceptionAsync(held.Exception.ExceptionId, "ops", null);
        Assert.True(outcome.Succeeded, outcome.Detail);
        // The replayed commit waits (parked, not failed) until the breaker's probe finds the ERP back: real time.
        var released = await AdvanceUntilAsync(order, snapshot => snapshot.Status == OrderStatus.ReleasedToWarehouse, TimeSpan.FromMinutes(10), Step, realPause: 100);

        Assert.Null(released.Exception);
        Assert.Empty(await grains.GetGrain<IExceptionQueueGrain>(OrderExceptionTypes.ErpUnavailable).ListAsync(catalog.PartnerId));
        Assert.Single(released.Timeline, entry => entry.Status == OrderStatus.OnHold && entry.From != OrderStatus.OnHold);
    }

    [Fact]
    public async Task ReleasedButNotShipped_OneShipmentOverdueAfterItsSla_ClosedWhenItShips()
    {
        var shipWithin = new WorkflowOptions().ShipWithin;
        var hour = TimeSpan.FromHours(1);
        var grains = _cluster.Client;
        var catalog = await _cluster.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(10);
        await catalog.PublishPricesAsync("v1", (sku, 1m));
        var order = catalog.NewOrder();
        await order.PlaceAsync(catalog.Order((sku, 1)));
        await AdvanceUntilAsync(order, snapshot => snapshot.Status == OrderStatus.ReleasedToWarehouse, TimeSpan.FromMinutes(1), Step);
        var releasedAt = _clock.GetUtcNow();

        // Within the SLA (an hour short of it) nobody is warned: the clock jumps, the sweep that fires finds nothing due.
        _clock.Advance(shipWithin - hour);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Null((await order.GetAsync())!.Exception);
        Assert.Empty(await grains.GetGrain<IExceptionQueueGrain>(OrderExceptionTypes.ShipmentOverdue).ListAsync(catalog.PartnerId));

        // Past it: one warning; the order stays released (the warehouse may still ship it).
        _clock.Advance(2 * hour);
        var overdue = await catalog.WaitForExceptionAsync(order.GetPrimaryKeyString(), OrderExceptionTypes.ShipmentOverdue);
        Assert.Equal(OrderStatus.ReleasedToWarehouse, overdue.Status);
        Assert.Equal(OrderExceptionTypes.ShipmentOverdue, overdue.Exception!.Type);
        Assert.InRange(overdue.Exception.RaisedAt - releasedAt, shipWithin - Step, shipWithin + hour);
        Assert.Single(overdue.Timeline, entry => entry.Detail?.StartsWith("ShipmentOverdue raised", StringComparison.Ordinal) == true);
        Assert.Equal(overdue.Exception.ExceptionId,
            Assert.Single(await grains.GetGrain<IExceptionQueueGrain>(OrderExceptionTypes.ShipmentOverdue).ListAsync(catalog.PartnerId)).ExceptionId);

        var shipped = await order.RecordShipmentAsync(new ShipmentEvent(ShipmentMilestone.Shipped, "DHL", null));
        Assert.Equal(OrderStatus.Shipped, shipped.Status);
        Assert.Null(shipped.Exception);
        Assert.Empty(await grains.GetGrain<IExceptionQueueGrain>(OrderExceptionTypes.ShipmentOverdue).ListAsync(catalog.PartnerId));
    }

    [Fact]
    public async Task BackorderWithoutProgress_ExpiresAfterItsDefault24Hours_StockReleased_WithATimelineEntry()
    {
        var expiry = new WorkflowOptions().HoldExpiry;
        var hour = TimeSpan.FromHours(1);
        var grains = _cluster.Client;
        var catalog = await _cluster.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(4);
        await catalog.PublishPricesAsync("v1", (sku, 1m));
        await catalog.Partner.SetInventoryPolicyAsync(new InventoryPolicy { Allocation = AllocationMode.AllowBackorder });
        var order = catalog.NewOrder();
        var placed = await order.PlaceAsync(catalog.Order((sku, 10)));
        Assert.Equal(OrderStatus.Backordered, placed.Status);
        Assert.Equal((4, 6), ((await catalog.StockOfAsync(sku)).Reserved, (await catalog.StockOfAsync(sku)).Backordered));

        // An hour short of its expiry the backorder still waits and holds its 4 units.
        await AdvanceAsync(expiry - hour, hour);
        var waiting = await order.GetAsync();
        Assert.Equal(OrderStatus.Backordered, waiting!.Status);
        Assert.Equal(6, waiting.Backorders[sku]);
        Assert.Equal((4, 6), ((await catalog.StockOfAsync(sku)).Reserved, (await catalog.StockOfAsync(sku)).Backordered));

        var expired = await AdvanceUntilAsync(order, snapshot => snapshot.Status == OrderStatus.Cancelled, 2 * hour, TimeSpan.FromMinutes(5));
        Assert.Contains(expired.Timeline, entry => entry.Detail?.StartsWith("Expired: no progress for 1.00:00:00 while Backordered", StringComparison.Ordinal) == true);
        var stock = await WaitForStockAsync(catalog, sku, position => position.Reserved == 0 && position.Backordered == 0);
        Assert.Equal(4, stock.Available);
    }

    private static async Task<InventorySnapshot> WaitForStockAsync(TestPartner catalog, string sku, Func<InventorySnapshot, bool> expectation)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stock = await catalog.StockOfAsync(sku);
            if (expectation(stock) || attempt == 200)
            {
                Assert.True(expectation(stock), $"reserved {stock.Reserved}, backordered {stock.Backordered}");
                return stock;
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Moves the grains' clock by <paramref name="span"/> in steps of <paramref name="step"/>, letting the timers that fall due run.</summary>
    private async Task AdvanceAsync(TimeSpan span, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; moved < span; moved += step)
        {
            _clock.Advance(step);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Moves the clock by <paramref name="step"/> (at most <paramref name="limit"/>), <paramref name="realPause"/> ms apart, until the order matches.</summary>
    private async Task<OrderSnapshot> AdvanceUntilAsync(IOrderGrain order, Func<OrderSnapshot, bool> expectation, TimeSpan limit, TimeSpan step, int realPause = 20)
    {
        for (var moved = TimeSpan.Zero; ; moved += step)
        {
            var snapshot = await order.GetAsync() ?? throw new InvalidOperationException("The order does not exist.");
            if (expectation(snapshot))
            {
                return snapshot;
            }

            Assert.True(moved <= limit, $"after {moved} more on the clock the order is {snapshot.Status}");
            _clock.Advance(step);
            await Task.Delay(realPause, TestContext.Current.CancellationToken);
        }
    }
}
