using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Grains.Tests.Fixtures;
using OrleansDistribution.Grains.Tests.Storage.GroupCommit;
using OrleansDistribution.Hosting;
using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Inventory;

/// <summary>
/// Group commit inside a hot SKU: reservations decided while a write is in flight are answered only once the
/// next write holding them is durable, and share that write; a failed write acknowledges none of them and the
/// position rolls back to what is durable. Own one-silo cluster whose store a test can hold or break.
/// </summary>
public sealed class InventoryGroupCommitTests : IAsyncLifetime
{
    private readonly GatedStore _store = new(new MemoryGrainStateStore($"inventory-gc-{Guid.NewGuid():N}"));
    private readonly DecidedReservations _decided = new();
    private DistributionTestCluster _cluster = null!;

    public async ValueTask InitializeAsync() =>
        _cluster = await DistributionTestCluster.StartAsync(new DistributionTestClusterOptions
        {
            ConfigureSilo = silo =>
            {
                silo.Services.AddSingleton<IGrainStateStore>(_store);
                silo.AddIncomingGrainCallFilter(_decided);
            },
        });

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ReserveAsync_TenWhileAWriteIsInFlight_AnsweredOnlyAfterOneSharedWrite()
    {
        var inventory = _cluster.Client.GetGrain<IInventoryGrain>(TestPartner.NewSku());
        await inventory.SetOnHandAsync(100);
        var gate = _store.HoldNextWrite();
        var first = inventory.ReserveAsync(NewOrderId(), 1, "partner-1", null);
        await gate.Arrived;
        var writesBefore = _store.WriteBatches.Count;

        var decidedBefore = _decided.Count;
        var queued = Enumerable.Range(0, 10).Select(_ => inventory.ReserveAsync(NewOrderId(), 1, "partner-1", null)).ToList();
        await _decided.WaitForAsync(decidedBefore + 10);

        Assert.False(first.IsCompleted);
        Assert.DoesNotContain(queued, reservation => reservation.IsCompleted);
        gate.Release();
        var outcomes = await Task.WhenAll(queued.Prepend(first));

        Assert.All(outcomes, outcome => Assert.Equal(ReservationOutcome.Reserved, outcome));
        // Eleven reservations, two writes: the held one (counted before) and the one all ten later decisions shared.
        Assert.Equal(1, _store.WriteBatches.Count - writesBefore);
        Assert.Equal((11, 89), await ReservedAndAvailableAsync(inventory));
    }

    [Fact]
    public async Task ReserveAsync_WriteFails_NoneOfItsOrLaterDecisionsStandAndThePositionRollsBack()
    {
        var inventory = _cluster.Client.GetGrain<IInventoryGrain>(TestPartner.NewSku());
        await inventory.SetOnHandAsync(10);
        await inventory.ReserveAsync(NewOrderId(), 2, "partner-1", null);
        var gate = _store.HoldNextWrite();
        var first = inventory.ReserveAsync(NewOrderId(), 3, "partner-1", null);
        await gate.Arrived;
        var decidedBefore = _decided.Count;
        var dependent = Enumerable.Range(0, 5).Select(_ => inventory.ReserveAsync(NewOrderId(), 1, "partner-1", null)).ToList();
        await _decided.WaitForAsync(decidedBefore + 5);

        _store.WriteFailure = new InvalidOperationException("disk full");
        gate.Release();

        await Assert.ThrowsAnyAsync<Exception>(() => first);
        foreach (var reservation in dependent)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => reservation);
        }

        _store.WriteFailure = null;
        Assert.Equal((2, 8), await ReservedAndAvailableAsync(inventory));
        Assert.Equal(ReservationOutcome.Reserved, await inventory.ReserveAsync(NewOrderId(), 8, "partner-1", null));
        Assert.Equal((10, 0), await ReservedAndAvailableAsync(inventory));
    }

    [Fact]
    public async Task SyncAsync_WriteFails_NoneOfTheSkusStatementsStand_TheResendAppliesThemAll()
    {
        var inventory = _cluster.Client.GetGrain<IInventoryGrain>(TestPartner.NewSku());
        var asOf = DateTimeOffset.UtcNow;
        await inventory.SyncAsync([ErpStockUpdate.Absolute(1, 10, asOf)]);
        ErpStockUpdate[] batch = [ErpStockUpdate.Change(2, 5, "receipt", asOf), ErpStockUpdate.Absolute(3, 40, asOf), ErpStockUpdate.Change(4, -2, "scrap", asOf)];

        _store.WriteFailure = new InvalidOperationException("disk full");
        await Assert.ThrowsAnyAsync<Exception>(() => inventory.SyncAsync(batch));
        _store.WriteFailure = null;

        var unchanged = await inventory.GetAsync();
        Assert.Equal((10, 1L), (unchanged!.OnHand, unchanged.Erp.Sequence));
        var resent = await inventory.SyncAsync(batch);
        Assert.Equal([ErpSyncResult.Applied, ErpSyncResult.Applied, ErpSyncResult.Applied], resent.Results);
        Assert.Equal(38, resent.Position.OnHand);
    }

    private static string NewOrderId() => $"ord_{Guid.NewGuid():N}";

    private static async Task<(int Reserved, int Available)> ReservedAndAvailableAsync(IInventoryGrain inventory)
    {
        var stock = await inventory.GetAsync() ?? throw new InvalidOperationException("unknown SKU");
        return (stock.Reserved, stock.Available);
    }
}
