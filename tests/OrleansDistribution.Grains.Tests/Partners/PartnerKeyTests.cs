using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Grains.Partners;
using OrleansDistribution.Grains.Tests.Fixtures;

namespace OrleansDistribution.Grains.Tests.Partners;

[Collection(ClusterCollection.Name)]
public sealed class PartnerKeyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task IssueKeyAsync_SecondKey_BothResolveUntilOneIsRevoked()
    {
        var (partner, partnerId, firstHash) = await RegisterAsync();
        var secondHash = NewHash();

        var second = await partner.IssueKeyAsync(secondHash, "wxyz");

        Assert.Equal(partnerId, await Index(firstHash).ResolveAsync());
        Assert.Equal(partnerId, await Index(secondHash).ResolveAsync());
        var first = (await partner.GetKeysAsync())!.Single(key => key.KeyId != second.KeyId);
        Assert.Equal("abcd", first.Last4);
        Assert.Equal("wxyz", second.Last4);

        var revoked = await partner.RevokeKeyAsync(first.KeyId, allowLastKey: false);

        Assert.NotNull(revoked.RevokedAt);
        Assert.Null(await Index(firstHash).ResolveAsync());
        Assert.Equal(partnerId, await Index(secondHash).ResolveAsync());
        var keys = (await partner.GetKeysAsync())!;
        Assert.Equal([first.KeyId, second.KeyId], keys.Select(key => key.KeyId));
        Assert.Equal([false, true], keys.Select(key => key.IsActive));
    }

    [Fact]
    public async Task RevokeKeyAsync_LastActiveKey_ConflictUnlessAllowed()
    {
        var (partner, _, hash) = await RegisterAsync();
        var only = Assert.Single((await partner.GetKeysAsync())!);

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => partner.RevokeKeyAsync(only.KeyId, allowLastKey: false));

        Assert.Equal(RuleCodes.LastActiveKey, refusal.Code);
        Assert.NotNull(await Index(hash).ResolveAsync());
        var revoked = await partner.RevokeKeyAsync(only.KeyId, allowLastKey: true);
        Assert.False(revoked.IsActive);
        Assert.Null(await Index(hash).ResolveAsync());
    }

    [Fact]
    public async Task RevokeKeyAsync_UnknownKey_NotFound()
    {
        var (partner, _, _) = await RegisterAsync();

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => partner.RevokeKeyAsync("key_nope", allowLastKey: true));

        Assert.Equal(RuleViolationKind.NotFound, refusal.Kind);
        Assert.Equal(RuleCodes.KeyNotFound, refusal.Code);
    }

    [Fact]
    public async Task PartnerFromBeforeKeyRecords_ItsKeyBecomesARecord_AndCanBeRotated()
    {
        var partnerId = $"partner-{Guid.NewGuid():N}";
        var legacyHash = NewHash();
        var storage = fixture.Cluster.SiloServices()
            .GetRequiredKeyedService<IGrainStorage>(DistributionNames.Storage);
        var createdAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        // What onboarding stored before keys had records: the hash list only.
        await storage.WriteStateAsync("partner", GrainId.Create("partner", partnerId),
            new GrainState<PartnerState>(new PartnerState { Name = "Legacy", RateLimitPerSecond = 10, ApiKeyHashes = [legacyHash], CreatedAt = createdAt }));
        await Index(legacyHash).BindAsync(partnerId);
        var partner = fixture.Client.GetGrain<IPartnerGrain>(partnerId);

        var legacy = Assert.Single((await partner.GetKeysAsync())!);

        Assert.True(legacy.IsActive);
        Assert.Null(legacy.Last4);
        Assert.Equal(createdAt, legacy.CreatedAt);
        await partner.IssueKeyAsync(NewHash(), "0000");
        await partner.RevokeKeyAsync(legacy.KeyId, allowLastKey: false);
        Assert.Null(await Index(legacyHash).ResolveAsync());
    }

    [Fact]
    public async Task Changes_RevokedKeyAndUpdate_ReachTheChangeLog()
    {
        var changes = fixture.Client.GetGrain<IPartnerChangesGrain>(IPartnerChangesGrain.Key);
        var start = await changes.GetChangesAsync(Guid.Empty, 0);
        var (partner, partnerId, _) = await RegisterAsync();
        var second = await partner.IssueKeyAsync(NewHash(), "2222");

        await partner.RevokeKeyAsync(second.KeyId, allowLastKey: false);
        var afterRevoke = await changes.GetChangesAsync(start.Epoch, start.Version);
        await partner.UpdateAsync(new PartnerUpdate(RateLimitPerSecond: 7));
        var afterUpdate = await changes.GetChangesAsync(afterRevoke.Epoch, afterRevoke.Version);
        var nothingNew = await changes.GetChangesAsync(afterUpdate.Epoch, afterUpdate.Version);

        Assert.Contains(partnerId, afterRevoke.PartnerIds);
        Assert.False(afterRevoke.Reset);
        Assert.Contains(partnerId, afterUpdate.PartnerIds);
        Assert.Empty(nothingNew.PartnerIds);
        Assert.True((await changes.GetChangesAsync(Guid.NewGuid(), 0)).Reset, "another epoch must be told to forget everything");
    }

    [Fact]
    public async Task UpdateAsync_MergePatch_ChangesOnlyWhatIsGiven_AndRemovesNulls()
    {
        var (partner, _, _) = await RegisterAsync();

        var limited = await partner.UpdateAsync(new PartnerUpdate(Name: "Renamed", ChangeBurst: true, Burst: 40, ChangeDailyQuota: true, DailyQuota: 500));
        var unlimited = await partner.UpdateAsync(new PartnerUpdate(ChangeDailyQuota: true, DailyQuota: null));

        Assert.Equal(("Renamed", 10, 40, (int?)500), (limited.Name, limited.RateLimitPerSecond, limited.Burst, limited.DailyQuota));
        Assert.Equal(("Renamed", 10, 40, (int?)null), (unlimited.Name, unlimited.RateLimitPerSecond, unlimited.Burst, unlimited.DailyQuota));
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => partner.UpdateAsync(new PartnerUpdate(RateLimitPerSecond: 41)));
        Assert.Equal(RuleCodes.BurstBelowRateLimit, refusal.Code);
    }

    private async Task<(IPartnerGrain Partner, string PartnerId, string KeyHash)> RegisterAsync()
    {
        var partnerId = $"partner-{Guid.NewGuid():N}";
        var hash = NewHash();
        var partner = fixture.Client.GetGrain<IPartnerGrain>(partnerId);
        await partner.RegisterAsync(new PartnerRegistration("Keys", 10, hash, "abcd"));
        return (partner, partnerId, hash);
    }

    private IApiKeyIndexGrain Index(string hash) => fixture.Client.GetGrain<IApiKeyIndexGrain>(hash);

    private static string NewHash() => $"hash-{Guid.NewGuid():N}";
}
