using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using OrleansDistribution.Grains.Feed;
using Orleans.Storage;
using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>
/// A started <see cref="GroupCommitGrainStorage"/> over a <see cref="GatedStore"/> in front of a real store, with its
/// own meter (so parallel tests never see each other's counts) and the expiry sweeper, as a silo would wire them.
/// </summary>
public sealed class StorageHarness : IAsyncDisposable
{
    /// <summary>The state name the helpers use.</summary>
    public const string StateName = "scheduled";

    private readonly ServiceProvider _services;

    private StorageHarness(ServiceProvider services, GatedStore store, GroupCommitGrainStorage storage, GroupCommitMetrics metrics, GroupCommitOptions options)
    {
        _services = services;
        Store = store;
        Storage = storage;
        Metrics = new StorageMetricsRecorder(metrics.Meter);
        Sweeper = new GrainStateExpirySweeper(store, options, metrics, TimeProvider.System, NullLogger<GrainStateExpirySweeper>.Instance);
        Index = new GrainStatePendingWorkIndex(store);
        Serializer = services.GetRequiredService<Serializer>();
        Feed = new StoredPartnerFeed(store, Serializer, options);
    }

    /// <summary>The gate in front of the real store.</summary>
    public GatedStore Store { get; }

    /// <summary>The storage under test.</summary>
    public GroupCommitGrainStorage Storage { get; }

    /// <summary>This harness's storage metrics.</summary>
    public StorageMetricsRecorder Metrics { get; }

    /// <summary>The expiry sweep over the same store.</summary>
    public GrainStateExpirySweeper Sweeper { get; }

    /// <summary>The pending-work index over the same store.</summary>
    public GrainStatePendingWorkIndex Index { get; }

    /// <summary>The Orleans serializer the storage uses.</summary>
    public Serializer Serializer { get; }

    /// <summary>Starts the storage over <paramref name="store"/> (already created, not yet started).</summary>
    public static async Task<StorageHarness> StartAsync(IGrainStateStore store, int maxBatchSize = 1000, int maxConcurrentBatches = 1)
    {
        var services = new ServiceCollection().AddSerializer(serializer => serializer.AddAssembly(typeof(StorageHarness).Assembly).AddAssembly(typeof(OrleansDistribution.Abstractions.Events.DistributionEvent).Assembly).AddAssembly(typeof(OrleansDistribution.Grains.Feed.FeedCursor).Assembly)).AddMetrics().BuildServiceProvider();
        var options = new GroupCommitOptions { MaxBatchSize = maxBatchSize, ExpirySweepBatchSize = 2 };
        var metrics = new GroupCommitMetrics(new OrleansDistribution.Abstractions.DistributionMeter(services.GetRequiredService<IMeterFactory>()));
        var gated = new GatedStore(store, maxConcurrentBatches);
        var storage = new GroupCommitGrainStorage(
            "test",
            gated,
            services.GetRequiredService<Serializer>(),
            services.GetRequiredService<IActivatorProvider>(),
            options,
            metrics,
            NullLogger<GroupCommitGrainStorage>.Instance);
        var harness = new StorageHarness(services, gated, storage, metrics, options);
        await storage.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>A fresh grain of the test type.</summary>
    public static GrainId NewGrain(string? key = null) => GrainId.Create("test", key ?? $"k-{Guid.NewGuid():N}");

    /// <summary>Writes <paramref name="text"/> over what the caller last saw (<paramref name="etag"/>); returns the grain state after the write.</summary>
    public Task<GrainState<ScheduledTestState>> WriteAsync(GrainId grain, string text, string? etag = null, DateTimeOffset? wakeAt = null, DateTimeOffset? expiresAt = null, string stateName = StateName) =>
        WriteAsync(grain, new GrainState<ScheduledTestState>(new ScheduledTestState { Text = text, WakeAt = wakeAt, ExpiresAt = expiresAt }, etag), stateName);

    /// <summary>Writes a prepared grain state.</summary>
    public async Task<GrainState<ScheduledTestState>> WriteAsync(GrainId grain, GrainState<ScheduledTestState> state, string stateName = StateName)
    {
        await Storage.WriteStateAsync(stateName, grain, state);
        return state;
    }

    /// <summary>The partner feeds the storage appends to, read as the API reads them.</summary>
    public StoredPartnerFeed Feed { get; }

    /// <summary>Writes a state whose write appends <paramref name="events"/> to partners' feeds.</summary>
    public Task<GrainState<ScheduledTestState>> WriteWithEventsAsync(GrainId grain, string text, string? etag, params PartnerFeedAppend[] events) =>
        WriteAsync(grain, new GrainState<ScheduledTestState>(new ScheduledTestState { Text = text, FeedAppends = events }, etag));

    /// <summary>Reads the grain's state as an activation would.</summary>
    public async Task<GrainState<ScheduledTestState>> ReadAsync(GrainId grain, string stateName = StateName)
    {
        var state = new GrainState<ScheduledTestState>();
        await Storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Storage.StopAsync(CancellationToken.None);
        Metrics.Dispose();
        if (Store.Inner is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        await _services.DisposeAsync();
    }
}
