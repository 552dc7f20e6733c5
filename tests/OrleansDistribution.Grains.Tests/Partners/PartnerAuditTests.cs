using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Grains.Tests.Fixtures;

namespace OrleansDistribution.Grains.Tests.Partners;

[Collection(ClusterCollection.Name)]
public sealed class PartnerAuditTests(ClusterFixture fixture)
{
    [Fact]
    public async Task EveryPartnerChange_LandsInTheAuditLog_WithActorAndCorrelation()
    {
        var partnerId = $"partner-{Guid.NewGuid():N}";
        var partner = fixture.Client.GetGrain<IPartnerGrain>(partnerId);
        RequestContext.Set(DistributionNames.ActorKey, "operator");
        RequestContext.Set(DistributionNames.CorrelationIdKey, "corr-audit-1");
        try
        {
            await partner.RegisterAsync(new PartnerRegistration("Audited", 10, $"hash-{Guid.NewGuid():N}", "abcd"));
            await partner.SetStatusAsync(PartnerStatus.Suspended);
            await partner.SetStatusAsync(PartnerStatus.Suspended);
            await partner.SetPriceListAsync(new PriceList("v1", "USD", [new PriceListLine("SKU-1", 1m)], DateTimeOffset.MinValue));
            await partner.SetInventoryPolicyAsync(InventoryPolicy.Default with { Priority = 2 });
            var key = await partner.IssueKeyAsync($"hash-{Guid.NewGuid():N}", "wxyz");
            await partner.RevokeKeyAsync(key.KeyId, allowLastKey: false);
            await partner.UpdateAsync(new PartnerUpdate(RateLimitPerSecond: 20));
        }
        finally
        {
            RequestContext.Clear();
        }

        var page = await fixture.Client.GetGrain<IPartnerAuditGrain>(partnerId).ListAsync(0, 100);

        Assert.Equal(
            [AuditActions.Onboarded, AuditActions.StatusChanged, AuditActions.PriceListPublished, AuditActions.InventoryPolicySet,
             AuditActions.KeyIssued, AuditActions.KeyRevoked, AuditActions.Updated],
            page.Entries.Select(entry => entry.Action));
        Assert.All(page.Entries, entry => Assert.Equal(("operator", "corr-audit-1"), (entry.Actor, entry.CorrelationId)));
        Assert.Equal(new AuditChange("rateLimitPerSecond", "10", "20"), Assert.Single(page.Entries[^1].Changes));
        Assert.Equal(new AuditChange("status", "Active", "Suspended"), Assert.Single(page.Entries[1].Changes));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task AuditLog_KeepsTheNewestThousand_AndPagesWithoutGapsOrDuplicates()
    {
        var audit = fixture.Client.GetGrain<IPartnerAuditGrain>($"partner-{Guid.NewGuid():N}");
        for (var i = 1; i <= IPartnerAuditGrain.Capacity + 20; i++)
        {
            await audit.AppendAsync("operator", AuditActions.Updated, [new AuditChange("name", null, $"n{i}")], null);
        }

        var seen = new List<long>();
        long after = 0;
        while (true)
        {
            var page = await audit.ListAsync(after, 300);
            seen.AddRange(page.Entries.Select(entry => entry.Sequence));
            if (page.Next is not { } next)
            {
                break;
            }

            after = next;
        }

        Assert.Equal(Enumerable.Range(21, IPartnerAuditGrain.Capacity).Select(i => (long)i), seen);
        Assert.Empty((await audit.ListAsync(IPartnerAuditGrain.Capacity + 20, 10)).Entries);
    }
}
