using OrleansDistribution.TestSupport;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Grains.Tests.Fixtures;

namespace OrleansDistribution.Grains.Tests.Partners;

[Collection(ClusterCollection.Name)]
public sealed class PartnerGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task RegisterAsync_NewPartner_IsActiveAndResolvableByApiKeyHash()
    {
        var partnerId = $"partner-{Guid.NewGuid():N}";
        var apiKeyHash = $"hash-{Guid.NewGuid():N}";

        var profile = await fixture.Client.GetGrain<IPartnerGrain>(partnerId).RegisterAsync(new PartnerRegistration("Acme", 50, apiKeyHash));

        Assert.Equal(PartnerStatus.Active, profile.Status);
        Assert.Equal(50, profile.RateLimitPerSecond);
        Assert.Null(profile.PriceListVersion);
        Assert.Equal(partnerId, await fixture.Client.GetGrain<IApiKeyIndexGrain>(apiKeyHash).ResolveAsync());
    }

    [Fact]
    public async Task ApiKeyIndex_UnknownKeys_LeaveNoActivationsBehind()
    {
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        const string grainType = "OrleansDistribution.Grains.Partners.ApiKeyIndexGrain";
        // A known key's index stays active: proves the statistics see this grain type at all.
        var known = $"hash-{Guid.NewGuid():N}";
        await fixture.Client.GetGrain<IPartnerGrain>($"partner-{Guid.NewGuid():N}").RegisterAsync(new PartnerRegistration("Known", 10, known));
        Assert.NotNull(await fixture.Client.GetGrain<IApiKeyIndexGrain>(known).ResolveAsync());
        var before = await CountAsync(management, grainType);
        Assert.True(before > 0, "no ApiKeyIndexGrain activation seen at all");

        for (var i = 0; i < 50; i++)
        {
            Assert.Null(await fixture.Client.GetGrain<IApiKeyIndexGrain>($"unknown-{Guid.NewGuid():N}").ResolveAsync());
        }

        // A client spraying random keys must not grow the silo: each lookup's activation goes away at once.
        await Eventually.HoldsAsync(async () => await CountAsync(management, grainType) <= before, "no ApiKeyIndexGrain activations left by unknown keys");
    }

    private static async Task<int> CountAsync(IManagementGrain management, string grainType) =>
        (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains(grainType, StringComparison.Ordinal)).Sum(s => s.ActivationCount);

    [Fact]
    public async Task RegisterAsync_ExistingPartner_RefusedAsConflict()
    {
        var catalog = await fixture.OnboardPartnerAsync();

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            catalog.Partner.RegisterAsync(new PartnerRegistration("Again", 10, $"hash-{Guid.NewGuid():N}")));

        Assert.Equal(RuleViolationKind.Conflict, refusal.Kind);
        Assert.Equal(RuleCodes.PartnerExists, refusal.Code);
    }

    [Fact]
    public async Task RegisterAsync_ApiKeyOfAnotherPartner_RefusedAndPartnerNotCreated()
    {
        var apiKeyHash = $"hash-{Guid.NewGuid():N}";
        var owner = $"partner-{Guid.NewGuid():N}";
        await fixture.Client.GetGrain<IPartnerGrain>(owner).RegisterAsync(new PartnerRegistration("Owner", 10, apiKeyHash));
        var intruder = fixture.Client.GetGrain<IPartnerGrain>($"partner-{Guid.NewGuid():N}");

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => intruder.RegisterAsync(new PartnerRegistration("Intruder", 10, apiKeyHash)));

        Assert.Equal(RuleViolationKind.Conflict, refusal.Kind);
        Assert.Null(await intruder.GetProfileAsync());
        Assert.Equal(owner, await fixture.Client.GetGrain<IApiKeyIndexGrain>(apiKeyHash).ResolveAsync());
    }

    [Fact]
    public async Task SetPriceListAsync_NewVersion_BecomesCurrent()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        await catalog.PublishPricesAsync("v1", ("A", 1.00m));

        await catalog.PublishPricesAsync("v2", ("A", 1.10m));

        var current = await catalog.Partner.GetCurrentPriceListAsync();
        Assert.Equal("v2", current?.Version);
        Assert.Equal("v2", (await catalog.Partner.GetProfileAsync())?.PriceListVersion);
    }

    [Fact]
    public async Task SetPriceListAsync_ExistingVersionWithOtherPrices_RefusedAndCurrentKept()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        await catalog.PublishPricesAsync("v1", ("A", 1.00m));

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => catalog.PublishPricesAsync("v1", ("A", 0.50m)));

        Assert.Equal(RuleViolationKind.Conflict, refusal.Kind);
        Assert.Equal(RuleCodes.PriceListVersionReused, refusal.Code);
        var current = await catalog.Partner.GetCurrentPriceListAsync();
        Assert.Equal(1.00m, Assert.Single(current!.Lines).UnitPrice);
    }

    [Fact]
    public async Task SetPriceListAsync_EarlierVersionRepublished_BecomesCurrentAgainUnchanged()
    {
        var catalog = await fixture.OnboardPartnerAsync();
        var v1 = await catalog.PublishPricesAsync("v1", ("A", 1.00m));
        await catalog.PublishPricesAsync("v2", ("A", 1.10m));

        var republished = await catalog.PublishPricesAsync("v1", ("A", 1.00m));

        Assert.Equal(v1.EffectiveFrom, republished.EffectiveFrom);
        Assert.Equal("v1", (await catalog.Partner.GetCurrentPriceListAsync())?.Version);
    }

    [Fact]
    public async Task SetStatusAsync_UnknownPartner_RefusedAsNotFound()
    {
        var partner = fixture.Client.GetGrain<IPartnerGrain>($"partner-{Guid.NewGuid():N}");

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => partner.SetStatusAsync(PartnerStatus.Suspended));

        Assert.Equal(RuleViolationKind.NotFound, refusal.Kind);
        Assert.Equal(RuleCodes.PartnerNotFound, refusal.Code);
    }
}
