using OrleansDistribution.TestSupport;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Grains.Tests.Fixtures;

namespace OrleansDistribution.Grains.Tests.Inventory;

[Collection(ClusterCollection.Name)]
public sealed class InventoryGrainTests(ClusterFixture fixture)
{
    private IInventoryGrain NewSku() => fixture.Client.GetGrain<IInventoryGrain>(TestPartner.NewSku());

    [Fact]
    public async Task ReserveAsync_ForAnOrderThatNeverRecordsIt_IsUndoneOnceInDoubtTooLong()
    {
        // The order grain crashed between reserving and writing its record: the SKU asks it, finds nothing, undoes.
        var released = 0L;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == OrleansDistribution.Grains.Telemetry.InventoryMetrics.UnitsName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, units, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "outcome", Value: "released" })
                {
                    Interlocked.Add(ref released, units);
                }
            }
        });
        listener.Start();
        var inventory = NewSku();
        await inventory.SetOnHandAsync(5);
        await inventory.ReserveAsync(NewOrderId(), 2, "partner-1", null);
        Assert.Equal(2, (await inventory.GetAsync())?.Reserved);

        var stock = await Eventually.MatchesAsync(async () => (await inventory.GetAsync())!, s => s.Reserved == 0, "the unrecorded reservation is undone");

        Assert.Equal((5, 0, 5), (stock.OnHand, stock.Reserved, stock.Available));
        // Operators see it: the units the SKUs gave back by themselves are counted.
        Assert.True(Interlocked.Read(ref released) >= 2, $"released units counted: {released}");
    }

    private static string NewOrderId() => $"ord_{Guid.NewGuid():N}";

    [Fact]
    public async Task ReserveAsync_SameOrderTwice_ReservesOnce()
    {
        var inventory = NewSku();
        await inventory.SetOnHandAsync(10);
        var orderId = NewOrderId();

        var first = await inventory.ReserveAsync(orderId, 3, "partner-1", null);
        var second = await inventory.ReserveAsync(orderId, 3, "partner-1", null);

        Assert.Equal(ReservationOutcome.Reserved, first);
        Assert.Equal(ReservationOutcome.Reserved, second);
        var stock = await inventory.GetAsync();
        Assert.NotNull(stock);
        Assert.Equal((10, 3, 7), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task ReserveAsync_BeyondAvailable_InsufficientAndNothingReserved()
    {
        var inventory = NewSku();
        await inventory.SetOnHandAsync(5);
        await inventory.ReserveAsync(NewOrderId(), 4, "partner-1", null);

        var outcome = await inventory.ReserveAsync(NewOrderId(), 2, "partner-1", null);

        Assert.Equal(ReservationOutcome.Insufficient, outcome);
        Assert.Equal(4, (await inventory.GetAsync())?.Reserved);
    }

    [Fact]
    public async Task ReserveAsync_UnknownSku_ReportsUnknownAndCreatesNoRecord()
    {
        var inventory = NewSku();

        var outcome = await inventory.ReserveAsync(NewOrderId(), 1, "partner-1", null);

        Assert.Equal(ReservationOutcome.UnknownSku, outcome);
        Assert.Null(await inventory.GetAsync());
    }

    [Fact]
    public async Task ReleaseAsync_ReservedOrder_MakesStockAvailableAgain()
    {
        var inventory = NewSku();
        await inventory.SetOnHandAsync(10);
        var orderId = NewOrderId();
        await inventory.ReserveAsync(orderId, 6, "partner-1", null);

        await inventory.ReleaseAsync(orderId, 6, "partner-1");
        await inventory.ReleaseAsync(orderId, 6, "partner-1");

        var stock = await inventory.GetAsync();
        Assert.Equal((10, 0, 10), (stock?.OnHand, stock?.Reserved, stock?.Available));
    }

    [Fact]
    public async Task DeductAsync_Repeated_DeductsOnHandOnce()
    {
        var inventory = NewSku();
        await inventory.SetOnHandAsync(10);
        var orderId = NewOrderId();
        await inventory.ReserveAsync(orderId, 4, "partner-1", null);

        await inventory.DeductAsync(orderId, 4, "partner-1");
        await inventory.DeductAsync(orderId, 4, "partner-1");
        var lateReserve = await inventory.ReserveAsync(orderId, 4, "partner-1", null);

        Assert.Equal(ReservationOutcome.Reserved, lateReserve);
        var stock = await inventory.GetAsync();
        Assert.Equal((6, 0, 6), (stock?.OnHand, stock?.Reserved, stock?.Available));
    }

    [Fact]
    public async Task SetOnHandAsync_BelowReserved_KeepsReservationsAndAvailableIsZero()
    {
        var inventory = NewSku();
        await inventory.SetOnHandAsync(10);
        await inventory.ReserveAsync(NewOrderId(), 8, "partner-1", null);

        var stock = await inventory.SetOnHandAsync(5);

        Assert.Equal((5, 8, 0), (stock.OnHand, stock.Reserved, stock.Available));
        Assert.Equal(ReservationOutcome.Insufficient, await inventory.ReserveAsync(NewOrderId(), 1, "partner-1", null));
    }

    [Fact]
    public async Task ReserveAsync_ManyOrdersConcurrently_NeverOversells()
    {
        var inventory = NewSku();
        await inventory.SetOnHandAsync(7);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => inventory.ReserveAsync(NewOrderId(), 1, "partner-1", null)));

        Assert.Equal(7, outcomes.Count(outcome => outcome == ReservationOutcome.Reserved));
        var stock = await inventory.GetAsync();
        Assert.Equal((7, 7, 0), (stock?.OnHand, stock?.Reserved, stock?.Available));
    }
}
