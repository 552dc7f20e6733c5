using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Grains.Inventory;
using OrleansDistribution.Grains.Storage;
using OrleansDistribution.Grains.Tests.Fixtures;
using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>What every silo gets from AddDistributionGrains, seen from inside the test cluster's silos.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GroupCommitRegistrationTests(ClusterFixture fixture)
{
    [Fact]
    public void EverySilo_DistributionStorage_IsGroupCommitAndPendingWorkIndexResolves()
    {
        foreach (var silo in fixture.Cluster.Cluster.Silos)
        {
            var services = silo.ServiceProvider;

            Assert.IsType<GroupCommitGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(DistributionNames.Storage));
            Assert.IsType<MemoryGrainStateStore>(services.GetRequiredService<IGrainStateStore>());
            Assert.IsType<GrainStatePendingWorkIndex>(services.GetRequiredService<IPendingWorkIndex>());
            Assert.IsNotType<GroupCommitGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(DistributionNames.PubSubStore));
        }
    }

    [Fact]
    public async Task TwoSilos_GrainStateWrittenThroughOne_ReadThroughTheOther()
    {
        // Grains of one cluster are spread over both silos; their state must live in one place, as in a database.
        var catalog = await fixture.OnboardPartnerAsync();
        var sku = await catalog.StockAsync(onHand: 7);
        var grain = GrainId.Create("inventory", sku);

        foreach (var silo in fixture.Cluster.Cluster.Silos)
        {
            var state = new GrainState<InventoryState>();
            await silo.ServiceProvider.GetRequiredKeyedService<IGrainStorage>(DistributionNames.Storage).ReadStateAsync("inventory", grain, state);
            Assert.True(state.RecordExists);
            Assert.Equal(7, state.State!.OnHand);
        }
    }
}
