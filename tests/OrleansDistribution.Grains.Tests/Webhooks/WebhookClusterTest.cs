using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Grains.Tests.Fixtures;

namespace OrleansDistribution.Grains.Tests.Webhooks;

/// <summary>
/// A one-silo cluster for webhook delivery tests: the grains and their timers on a fake clock the test moves, and a
/// partner feed the test writes. Its own cluster: the shared one runs on the real clock. The receivers listen on
/// 127.0.0.1, so private networks are allowed; a test class adds its own webhook settings.
/// </summary>
public abstract class WebhookClusterTest(IReadOnlyDictionary<string, string?> webhookSettings) : IAsyncLifetime
{
    /// <summary>The grains' clock; it stands still between the test's moves.</summary>
    protected TestClock Clock => Cluster.Clock;

    /// <summary>The partner feed the grains read.</summary>
    protected InMemoryPartnerFeed Feed { get; } = new();

    /// <summary>The cluster.</summary>
    protected DistributionTestCluster Cluster { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var options = new DistributionTestClusterOptions
        {
            Settings = { ["Distribution:Webhooks:AllowPrivateNetworks"] = "true" },
            ConfigureSilo = silo => silo.Services.AddSingleton<IPartnerFeed>(Feed),
        };
        foreach (var (key, value) in webhookSettings)
        {
            options.Settings[key] = value;
        }

        Cluster = await DistributionTestCluster.StartAsync(options);
        Cluster.Clock.Freeze();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A partner id of its own for one test.</summary>
    protected static string NewPartner() => $"p-{Guid.NewGuid():N}"[..14];

    /// <summary>An order accepted now on the grains' clock.</summary>
    protected OrderStatusChanged OrderEvent(string partnerId, string orderId) => new()
    {
        EventId = Guid.NewGuid().ToString(),
        At = Clock.GetUtcNow(),
        CorrelationId = $"corr-{orderId}",
        OrderId = orderId,
        PartnerId = partnerId,
        Status = OrderStatus.Accepted,
        Detail = "accepted",
    };
}
