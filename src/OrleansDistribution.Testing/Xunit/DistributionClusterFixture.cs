using Xunit;

namespace OrleansDistribution.Testing.Xunit;

/// <summary>
/// An xunit v3 fixture holding one <see cref="DistributionTestCluster"/> for a test collection or class. Use it as is
/// through <see cref="DistributionClusterCollection"/>, or derive and override <see cref="Options"/> for other settings
/// (a subclass is its own fixture type: use it with <c>IClassFixture&lt;T&gt;</c> or a collection of your own).
/// </summary>
public class DistributionClusterFixture : IAsyncLifetime
{
    private DistributionTestCluster? _cluster;

    /// <summary>The cluster.</summary>
    /// <exception cref="InvalidOperationException">Read before xunit initialised the fixture.</exception>
    public DistributionTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started yet.");

    /// <summary>The cluster client.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <summary>The grains' clock.</summary>
    public TestClock Clock => Cluster.Clock;

    /// <summary>Registers a new partner of the test's own (see <see cref="DistributionTestCluster.OnboardPartnerAsync"/>).</summary>
    public Task<TestPartner> OnboardPartnerAsync(string name = "Test partner", int requestsPerSecond = 100) =>
        Cluster.OnboardPartnerAsync(name, requestsPerSecond);

    /// <inheritdoc />
    /// <remarks>Warms the cluster up (<see cref="DistributionTestCluster.WarmUpAsync"/>): the first test's timings are its own.</remarks>
    public async ValueTask InitializeAsync()
    {
        _cluster = await DistributionTestCluster.StartAsync(Options());
        await _cluster.WarmUpAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>How the cluster is built: one silo, memory storage, <see cref="TestClusterSettings.Cluster"/>.</summary>
    protected virtual DistributionTestClusterOptions Options() => new();
}
