using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Grains.Storage;
using OrleansDistribution.Abstractions;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>Registers the group-commit grain storage, its store, the pending-work and order indexes, the partner feeds and the expiry sweep.</summary>
public static class GroupCommitStorageExtensions
{
    /// <summary>
    /// Makes <paramref name="name"/> a group-commit grain storage over the store <paramref name="createStore"/> builds
    /// (given the services and this cluster's ServiceId). Registering another <see cref="IGrainStateStore"/> afterwards
    /// replaces it, which is how tests put a fault-injecting wrapper in front.
    /// </summary>
    public static ISiloBuilder AddGroupCommitGrainStorage(
        this ISiloBuilder silo,
        string name,
        GroupCommitOptions options,
        Func<IServiceProvider, string, IGrainStateStore> createStore)
    {
        var services = silo.Services;
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.TryAddSingleton<DistributionMeter>();
        services.AddSingleton<GroupCommitMetrics>();
        services.AddSingleton(provider => createStore(provider, provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        services.AddGrainStorage(name, static (provider, storageName) => ActivatorUtilities.CreateInstance<GroupCommitGrainStorage>(provider, storageName));
        services.AddSingleton<IPendingWorkIndex, GrainStatePendingWorkIndex>();
        services.AddSingleton<IOrderIndex, GrainStateOrderIndex>();
        services.AddSingleton<IPartnerFeed, StoredPartnerFeed>();
        services.AddSingleton<GrainStateExpirySweeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<GrainStateExpirySweeper>());
        return silo;
    }
}
