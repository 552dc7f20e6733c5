using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Grains.Workflow;
using OrleansDistribution.Hosting.Configuration;
using OrleansDistribution.Hosting.Health;
using OrleansDistribution.Integration;

namespace OrleansDistribution.Hosting;

/// <summary>The one place every silo host (API silo, worker silo, test cluster) gets its Orleans setup from.</summary>
public static class DistributionSiloExtensions
{
    /// <summary>Hosts a full distribution silo in this application: clustering, storage, streams, grains, ports, dashboard.</summary>
    public static IHostApplicationBuilder AddDistributionSilo(this IHostApplicationBuilder builder)
    {
        var options = DistributionOptions.From(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.UseDistributionClustering(options);
            silo.AddDistributionGrains(builder.Configuration);
            silo.AddDashboard();
        });
        return builder;
    }

    /// <summary>Cluster membership for the chosen storage mode.</summary>
    public static ISiloBuilder UseDistributionClustering(this ISiloBuilder silo, DistributionOptions options)
    {
        var cluster = options.Cluster;
        silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        return silo;
    }

    /// <summary>
    /// Storage, streams, reminders, downstream ports and workflow settings: everything but membership,
    /// so test clusters (which bring their own membership) share it.
    /// </summary>
    public static ISiloBuilder AddDistributionGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = DistributionOptions.From(configuration);
        switch (options.Storage)
        {
            case StorageMode.Memory:
                silo.AddMemoryGrainStorage(DistributionNames.Storage);
                silo.AddMemoryGrainStorage(DistributionNames.PubSubStore);
                silo.UseInMemoryReminderService();
                break;
            default:
                throw new InvalidOperationException($"Distribution:Storage '{options.Storage}' is not supported.");
        }

        silo.AddMemoryStreams(DistributionNames.StreamProvider);
        silo.Services.AddSingleton<SiloReadiness>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<SiloReadiness>());
        silo.AddActivityPropagation();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.Configure<WorkflowOptions>(configuration.GetSection($"{DistributionOptions.SectionName}:Workflow"));
        silo.Services.AddSimulatedDownstreams(configuration);
        return silo;
    }
}
