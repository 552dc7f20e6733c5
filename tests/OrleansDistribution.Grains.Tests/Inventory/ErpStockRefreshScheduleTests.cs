using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Grains.Inventory;

namespace OrleansDistribution.Grains.Tests.Inventory;

/// <summary>
/// The ERP stock refresh on its default schedule (every hour), on a fake clock: a SKU whose push the hub missed is
/// healed by the next scheduled run, without anyone asking. Its own one-silo cluster: the shared one runs on real time.
/// </summary>
public sealed class ErpStockRefreshScheduleTests : IAsyncLifetime
{
    private DistributionTestCluster _cluster = null!;
    private TestClock _clock = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await DistributionTestCluster.StartAsync();
        _clock = _cluster.Clock;
        _clock.Freeze();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task MissedPush_HealedByTheNextScheduledRun()
    {
        var period = new ErpStockOptions().ErpRefreshPeriod;
        var grains = _cluster.Client;
        var erp = _cluster.ErpStock;
        var sku = TestPartner.NewSku();
        var inventory = grains.GetGrain<IInventoryGrain>(sku);
        // The hub heard of the ERP's first figure, not of the second.
        var first = erp.Set(sku, 10);
        await inventory.SyncAsync([ErpStockUpdate.Absolute(first.ErpSequence, first.OnHand, first.AsOf)]);
        var second = erp.Set(sku, 16);
        await grains.GetGrain<IErpStockRefreshGrain>(IErpStockRefreshGrain.Key).StartAsync();

        // Nothing before the period is over.
        await AdvanceAsync(period - TimeSpan.FromMinutes(1));
        Assert.Equal(10, (await inventory.GetAsync())!.OnHand);

        // Then the scheduled run states the ERP's figure.
        var healed = await AdvanceUntilAsync(inventory, position => position.OnHand == 16, TimeSpan.FromMinutes(5));
        Assert.Equal(second.ErpSequence, healed.Erp.Sequence);
    }

    private async Task AdvanceAsync(TimeSpan span)
    {
        for (var moved = TimeSpan.Zero; moved < span; moved += TimeSpan.FromMinutes(1))
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    private async Task<InventorySnapshot> AdvanceUntilAsync(IInventoryGrain inventory, Func<InventorySnapshot, bool> expectation, TimeSpan limit)
    {
        for (var moved = TimeSpan.Zero; ; moved += TimeSpan.FromSeconds(10))
        {
            var position = (await inventory.GetAsync())!;
            if (expectation(position))
            {
                return position;
            }

            Assert.True(moved <= limit, $"{moved} past the period the SKU has {position.OnHand} on hand (sequence {position.Erp.Sequence})");
            _clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
