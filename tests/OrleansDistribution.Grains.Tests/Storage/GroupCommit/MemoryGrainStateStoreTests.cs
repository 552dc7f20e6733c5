using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>The storage contract on the memory store (Memory mode).</summary>
public sealed class MemoryGrainStateStoreTests : GrainStateStoreContract
{
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
