using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>The storage contract on the memory store (Memory mode).</summary>
public sealed class MemoryGrainStateStoreTests : GrainStateStoreContract
{
    [Fact]
    public async Task Write_TwoBatchesAllowed_ANewWriteCommitsWhileOneIsHeldButNotOneForTheHeldRow()
    {
        // A store that takes concurrent transactions (PostgreSQL) gets a second batch at once instead of waiting
        // for the commit in flight; a row is never in two batches at a time, so its writes stay in order.
        await using var harness = await StorageHarness.StartAsync(new MemoryGrainStateStore($"svc-{Guid.NewGuid():N}"), maxConcurrentBatches: 2);
        var held = StorageHarness.NewGrain();
        var gate = harness.Store.HoldNextWrite();
        var first = harness.WriteAsync(held, "first");
        await gate.Arrived;

        var other = await harness.WriteAsync(StorageHarness.NewGrain(), "while the first is held").WaitAsync(TimeSpan.FromSeconds(10));
        var sameRow = harness.WriteAsync(held, "second", "1");

        Assert.Equal("1", other.ETag);
        Assert.False(first.IsCompleted);
        Assert.False(sameRow.IsCompleted);
        gate.Release();
        Assert.Equal("1", (await first).ETag);
        Assert.Equal("2", (await sameRow).ETag);
        Assert.Equal("second", (await harness.ReadAsync(held)).State!.Text);
    }

    [Fact]
    public async Task MemoryStore_TwoSilosOfOneService_SeeTheSameRows()
    {
        var serviceId = $"svc-{Guid.NewGuid():N}";
        await using var siloA = await StorageHarness.StartAsync(new MemoryGrainStateStore(serviceId));
        await using var siloB = await StorageHarness.StartAsync(new MemoryGrainStateStore(serviceId));
        await using var otherService = await StorageHarness.StartAsync(new MemoryGrainStateStore($"svc-{Guid.NewGuid():N}"));
        var grain = StorageHarness.NewGrain();

        await siloA.WriteAsync(grain, "written on A");

        Assert.Equal("written on A", (await siloB.ReadAsync(grain)).State!.Text);
        Assert.False((await otherService.ReadAsync(grain)).RecordExists);
    }

    /// <inheritdoc />
    protected override Task<IGrainStateStore> CreateStoreAsync(string serviceId) => Task.FromResult<IGrainStateStore>(new MemoryGrainStateStore(serviceId));
}
