using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Hosting;

namespace OrleansDistribution.Grains.Tests.Fixtures;

/// <summary>
/// A two-silo in-process cluster with the production grain setup (memory storage, memory streams,
/// simulated ERP and WMS), tuned so the asynchronous workflow runs in milliseconds.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Distribution:Storage"] = "Memory",
        ["Distribution:Simulation:MinLatencyMs"] = "1",
        ["Distribution:Simulation:MaxLatencyMs"] = "5",
        ["Distribution:Workflow:FirstStepDelay"] = "00:00:00.010",
        ["Distribution:Workflow:StepRetryDelay"] = "00:00:00.200",
        ["Distribution:Workflow:InDoubtTimeout"] = "00:00:00.300",
    };

    private InProcessTestCluster? _cluster;

    /// <summary>The cluster itself, for tests that look inside a silo.</summary>
    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    /// <summary>The client a channel-facing host would use.</summary>
    public IClusterClient Client => _cluster?.Client ?? throw new InvalidOperationException("The cluster is not deployed.");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((options, silo) => silo.AddDistributionGrains(configuration));
        builder.ConfigureClient(client => client.AddMemoryStreams(DistributionNames.StreamProvider));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
