using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Hosting;
using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Simulated;

namespace OrleansDistribution.Testing;

/// <summary>
/// An in-process Orleans cluster set up like the real silos (the same grains, storage choice, streams, workflow and
/// simulated ERP/WMS, from <see cref="DistributionSiloExtensions.AddDistributionGrains"/>) with what a test needs on
/// top: one <see cref="Clock"/> every silo's grains run on, the simulated systems shared by every silo
/// (<see cref="Erp"/>, <see cref="Warehouse"/>, <see cref="Ledger"/>, <see cref="ErpStock"/>), and helpers that
/// onboard partners. Tests sharing one cluster isolate themselves with fresh keys: a partner of their own each.
/// </summary>
public sealed class DistributionTestCluster : IAsyncDisposable
{
    private readonly FaultInjector _faults;

    private DistributionTestCluster(InProcessTestCluster cluster, TestClock clock, FaultInjector faults, SimulationLedger ledger, SimulatedErpStock erpStock)
    {
        Cluster = cluster;
        Clock = clock;
        _faults = faults;
        Ledger = ledger;
        ErpStock = erpStock;
        Erp = new SimulatedSystem(DownstreamSystem.Erp, faults);
        Warehouse = new SimulatedSystem(DownstreamSystem.Warehouse, faults);
    }

    /// <summary>The Orleans test cluster underneath, for tests that look inside a silo or stop one.</summary>
    public InProcessTestCluster Cluster { get; }

    /// <summary>The cluster client a channel-facing host would use.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <summary>The grains' clock, on every silo: <see cref="TestClock.Advance"/> fires what falls due.</summary>
    public TestClock Clock { get; }

    /// <summary>The simulated ERP's faults (down, latency, failed or lost answers, refused SKUs).</summary>
    public SimulatedSystem Erp { get; }

    /// <summary>The simulated warehouse's faults.</summary>
    public SimulatedSystem Warehouse { get; }

    /// <summary>What the simulated ERP and WMS did per order: commits, releases, cancels, requests, correlation IDs.</summary>
    public SimulationLedger Ledger { get; }

    /// <summary>The simulated ERP's own stock book (what its stock feed and full refresh report).</summary>
    public SimulatedErpStock ErpStock { get; }

    /// <summary>Starts a cluster; <paramref name="options"/> may choose the silo count, storage and extra settings.</summary>
    public static async Task<DistributionTestCluster> StartAsync(DistributionTestClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DistributionTestClusterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Silos, 1);
        var configuration = await ConfigurationAsync(options, cancellationToken);
        var clock = options.ClockStart is { } start ? new TestClock(start) : new TestClock();
        // One set of simulated systems for the whole cluster, as a real ERP and WMS would be: a fault set by the test
        // reaches every silo, and the ledger counts every silo's calls. Each silo keeps its own circuits, as in production.
        var faults = new FaultInjector();
        var ledger = new SimulationLedger();
        var erpStock = new SimulatedErpStock(clock);

        var builder = new InProcessTestClusterBuilder((short)options.Silos);
        if (options.ServiceId is { } serviceId)
        {
            builder.Options.ServiceId = serviceId;
        }

        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(faults);
            silo.Services.AddSingleton(ledger);
            silo.Services.AddSingleton(erpStock);
            silo.AddDistributionGrains(configuration);
            silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, clock);
            options.ConfigureSilo?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(DistributionNames.StreamProvider));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new DistributionTestCluster(cluster, clock, faults, ledger, erpStock);
    }

    /// <summary>Registers a new active partner with fresh keys and returns the helpers a test works through.</summary>
    /// <param name="name">Display name (default "Test partner").</param>
    /// <param name="requestsPerSecond">The partner's rate limit at the API (the grains do not throttle).</param>
    public Task<TestPartner> OnboardPartnerAsync(string name = "Test partner", int requestsPerSecond = 100) =>
        TestPartner.OnboardAsync(Client, name, requestsPerSecond, () => SiloServices().GetRequiredService<IPartnerFeed>());

    /// <summary>
    /// Runs one order of a partner of its own through acceptance, ERP commit, warehouse release and shipment, so the
    /// grains' code is compiled and activated before the first test: its timings are then its own (a cold cluster spends
    /// about half a second on the first order). The order ends shipped, so no SLA of it fires when a test moves the clock.
    /// </summary>
    public async Task WarmUpAsync()
    {
        var partner = await OnboardPartnerAsync("Warm-up");
        var sku = await partner.StockAsync(1);
        await partner.PublishPricesAsync("warm-up", (sku, 1m));
        var order = (await partner.SubmitAsync($"warm-up-{Guid.NewGuid():N}", partner.Order((sku, 1)))).Order;
        await partner.WaitForStatusAsync(order.OrderId, OrderStatus.ReleasedToWarehouse);
        await partner.OrderGrain(order.OrderId).RecordShipmentAsync(new ShipmentEvent(ShipmentMilestone.Shipped, "warm-up", null));
    }

    /// <summary>Clears every injected fault of the ERP and the WMS.</summary>
    public void ClearFaults() => _faults.Set(SimulationFaults.None);

    /// <summary>The services of silo <paramref name="index"/> (0: the first), to reach what a silo holds.</summary>
    public IServiceProvider SiloServices(int index = 0) => Cluster.GetSiloServiceProvider(Cluster.Silos[index].SiloAddress);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    private static async Task<IConfiguration> ConfigurationAsync(DistributionTestClusterOptions options, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>(TestClusterSettings.Cluster, StringComparer.OrdinalIgnoreCase);
        if (options.PostgresConnectionString is { } postgres)
        {
            if (options.SqliteDirectory is not null)
            {
                throw new ArgumentException("Choose PostgresConnectionString or SqliteDirectory, not both.", nameof(options));
            }

            // Production silos refuse to start on an unmigrated database (the operator migrates); a test database is new.
            await new SqlMigrationRunner(SqlMigrationProvider.Postgres, postgres).ApplyAsync(cancellationToken);
            settings["Distribution:Storage"] = "Postgres";
            settings["ConnectionStrings:Distribution"] = postgres;
        }
        else if (options.SqliteDirectory is { } directory)
        {
            settings["Distribution:Storage"] = "Embedded";
            settings["Distribution:DataDirectory"] = directory;
        }

        foreach (var (key, value) in options.Settings)
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
