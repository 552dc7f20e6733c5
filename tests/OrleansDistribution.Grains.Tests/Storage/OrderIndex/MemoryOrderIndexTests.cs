using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage.OrderIndex;

/// <summary>The order index contract on the memory store (Memory mode).</summary>
public sealed class MemoryOrderIndexTests : OrderIndexStoreContract
{
    /// <inheritdoc />
    protected override Task<IGrainStateStore> CreateStoreAsync(string serviceId) => Task.FromResult<IGrainStateStore>(new MemoryGrainStateStore(serviceId));
}
