using OrleansDistribution.Domain.Partners;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Grains.Tests.Fixtures;

namespace OrleansDistribution.Grains.Tests.Partners;

[Collection(ClusterCollection.Name)]
public sealed class DailyQuotaGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task LeaseAsync_ManySilosAskingAtOnce_NeverGrantMoreThanTheQuota()
    {
        var quota = fixture.Client.GetGrain<IDailyQuotaGrain>(DailyQuota.GrainKey($"partner-{Guid.NewGuid():N}", new DateOnly(2026, 12, 2)));

        var grants = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => quota.LeaseAsync(7, 100)));

        Assert.Equal(100, grants.Sum());
        Assert.Equal(100, await quota.GetLeasedAsync());
        Assert.Equal(0, await quota.LeaseAsync(7, 100));
        // A raised quota grants the difference, no more.
        Assert.Equal(5, await quota.LeaseAsync(7, 105));
    }
}
