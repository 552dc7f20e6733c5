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
    public async ValueTask InitializeAsync() => _cluster = await DeployAsync(2, Settings);

    /// <summary>
    /// Deploys an in-process cluster of <paramref name="silos"/> with the production grain setup and these settings
    /// (memory storage and fast simulated ERP/WMS unless overridden); <paramref name="configureSilo"/> may add to
    /// each silo's services. For tests whose timings would disturb the shared cluster.
    /// </summary>
    public static async Task<InProcessTestCluster> DeployAsync(
        int silos, IReadOnlyDictionary<string, string?> settings, Action<ISiloBuilder>? configureSilo = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Distribution:Storage"] = "Memory",
            ["Distribution:Simulation:MinLatencyMs"] = "1",
            ["Distribution:Simulation:MaxLatencyMs"] = "2",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddDistributionGrains(configuration);
            configureSilo?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(DistributionNames.StreamProvider));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
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
