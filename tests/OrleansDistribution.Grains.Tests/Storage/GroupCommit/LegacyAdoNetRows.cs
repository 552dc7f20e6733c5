using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Grains.Inventory;
using OrleansDistribution.Grains.Partners;
using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>
/// Writes grain state the way production did before the group-commit storage: through the real Orleans ADO.NET
/// provider (so its key splitting and hashing are the real ones), with the Orleans serializer, then checks that the
/// group-commit storage reads every one of those rows back after the migration copied them.
/// </summary>
public sealed class LegacyAdoNetRows
{
    /// <summary>A numeric SKU: the provider stored it as an integer key, not as a string.</summary>
    public const string NumericSku = "100200";

    /// <summary>A plain string key.</summary>
    public const string PartnerId = "acme";

    /// <summary>A 32-hex-digit key (Guid "N" format): the provider stored it as a GUID.</summary>
    public static readonly string GuidPartnerId = Guid.NewGuid().ToString("N");

    /// <summary>An API key index key: 64 hex digits, too long for a long or a GUID, so a plain string to the provider.</summary>
    public static readonly string ApiKeyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray()));

    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().AddMetrics().BuildServiceProvider();

    /// <summary>The service the rows belong to.</summary>
    public string ServiceId { get; } = $"legacy-{Guid.NewGuid():N}";

    /// <summary>Writes the legacy rows with the ADO.NET provider; returns the ETags it handed out.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> WriteAsync(string invariant, string connectionString)
    {
        var serializer = _services.GetRequiredService<Serializer>();
        var storage = new AdoNetGrainStorage(
            _services.GetRequiredService<IActivatorProvider>(),
            NullLogger<AdoNetGrainStorage>.Instance,
            Options.Create(new AdoNetGrainStorageOptions
            {
                Invariant = invariant,
                ConnectionString = connectionString,
                GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer),
            }),
            Options.Create(new ClusterOptions { ServiceId = ServiceId, ClusterId = "legacy" }),
            "distribution");
        var lifecycle = new CapturingSiloLifecycle();
        storage.Participate(lifecycle);
        await lifecycle.StartAsync();

        var etags = new Dictionary<string, string?>(StringComparer.Ordinal);

        var inventory = new GrainState<InventoryState>(new InventoryState { OnHand = 40, UpdatedAt = At });
        await storage.WriteStateAsync("inventory", GrainId.Create("inventory", NumericSku), inventory);
        inventory.State!.OnHand = 42;
        await storage.WriteStateAsync("inventory", GrainId.Create("inventory", NumericSku), inventory);
        etags[NumericSku] = inventory.ETag;

        var partner = new GrainState<PartnerState>(new PartnerState { Name = "Acme Retail", RateLimitPerSecond = 200, CreatedAt = At });
        await storage.WriteStateAsync("partner", GrainId.Create("partner", PartnerId), partner);
        etags[PartnerId] = partner.ETag;

        var guidPartner = new GrainState<PartnerState>(new PartnerState { Name = "Guid Partner", Status = PartnerStatus.Suspended, CreatedAt = At });
        await storage.WriteStateAsync("partner", GrainId.Create("partner", GuidPartnerId), guidPartner);
        etags[GuidPartnerId] = guidPartner.ETag;

        var apiKey = new GrainState<ApiKeyIndexState>(new ApiKeyIndexState { PartnerId = PartnerId });
        await storage.WriteStateAsync("apikey", GrainId.Create("apikeyindex", ApiKeyHash), apiKey);
        etags[ApiKeyHash] = apiKey.ETag;

        var cleared = new GrainState<InventoryState>(new InventoryState { OnHand = 1 });
        await storage.WriteStateAsync("inventory", GrainId.Create("inventory", "SKU-cleared"), cleared);
        await storage.ClearStateAsync("inventory", GrainId.Create("inventory", "SKU-cleared"), cleared);
        return etags;
    }

    /// <summary>Reads every legacy row through the group-commit storage over <paramref name="store"/> and checks it.</summary>
    public async Task AssertReadableAsync(IGrainStateStore store, IReadOnlyDictionary<string, string?> legacyETags)
    {
        var serializer = _services.GetRequiredService<Serializer>();
        var storage = new GroupCommitGrainStorage(
            "distribution",
            store,
            serializer,
            _services.GetRequiredService<IActivatorProvider>(),
            new GroupCommitOptions(),
            new GroupCommitMetrics(new OrleansDistribution.Abstractions.DistributionMeter(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>())),
            NullLogger<GroupCommitGrainStorage>.Instance);
        await storage.StartAsync(CancellationToken.None);
        try
        {
            var inventory = new GrainState<InventoryState>();
            await storage.ReadStateAsync("inventory", GrainId.Create("inventory", NumericSku), inventory);
            Assert.True(inventory.RecordExists, "the numeric SKU's stock position was lost");
            Assert.Equal(42, inventory.State!.OnHand);
            Assert.Equal(At, inventory.State.UpdatedAt);
            Assert.Equal(legacyETags[NumericSku], inventory.ETag);

            var partner = new GrainState<PartnerState>();
            await storage.ReadStateAsync("partner", GrainId.Create("partner", PartnerId), partner);
            Assert.Equal("Acme Retail", partner.State!.Name);
            Assert.Equal(200, partner.State.RateLimitPerSecond);
            Assert.Equal(legacyETags[PartnerId], partner.ETag);

            var guidPartner = new GrainState<PartnerState>();
            await storage.ReadStateAsync("partner", GrainId.Create("partner", GuidPartnerId), guidPartner);
            Assert.Equal("Guid Partner", guidPartner.State!.Name);
            Assert.Equal(PartnerStatus.Suspended, guidPartner.State.Status);
            Assert.Equal(legacyETags[GuidPartnerId], guidPartner.ETag);

            var apiKey = new GrainState<ApiKeyIndexState>();
            await storage.ReadStateAsync("apikey", GrainId.Create("apikeyindex", ApiKeyHash), apiKey);
            Assert.Equal(PartnerId, apiKey.State!.PartnerId);
            Assert.Equal(legacyETags[ApiKeyHash], apiKey.ETag);

            var cleared = new GrainState<InventoryState>();
            await storage.ReadStateAsync("inventory", GrainId.Create("inventory", "SKU-cleared"), cleared);
            Assert.False(cleared.RecordExists);

            // The copied version is the ETag the grain continues from: its next write is accepted.
            inventory.State.OnHand = 43;
            await storage.WriteStateAsync("inventory", GrainId.Create("inventory", NumericSku), inventory);
            Assert.Equal("3", inventory.ETag);
        }
        finally
        {
            await storage.StopAsync(CancellationToken.None);
        }
    }
}
