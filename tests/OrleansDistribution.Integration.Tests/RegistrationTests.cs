using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansDistribution.Integration.Health;
using OrleansDistribution.Integration.Http;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Simulated;

namespace OrleansDistribution.Integration.Tests;

/// <summary>AddDistributionDownstreams picks HTTP or simulation per system from configuration.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public async Task AddDistributionDownstreams_NoBaseUrls_SimulatesBoth()
    {
        var configuration = Configuration(new() { ["Distribution:Simulation:MaxLatencyMs"] = "1" });

        await using var provider = Build(configuration);

        Assert.True(IntegrationServiceCollectionExtensions.UsesSimulation(configuration, DownstreamSystem.Erp));
        Assert.True(IntegrationServiceCollectionExtensions.UsesSimulation(configuration, DownstreamSystem.Warehouse));
        Assert.IsType<SimulatedErp>(provider.GetRequiredService<IErpPort>());
        Assert.IsType<SimulatedWarehouse>(provider.GetRequiredService<IWarehousePort>());
        // One ledger and one set of faults: what the simulation endpoints set is what the simulated ports meet.
        Assert.Same(provider.GetRequiredService<SimulationLedger>(), provider.GetRequiredService<SimulationLedger>());
        Assert.Same(provider.GetRequiredService<FaultInjector>(), provider.GetRequiredService<FaultInjector>());
        // One stock book: what the simulation's stock endpoint books is what the simulated ERP's snapshot pages.
        var booked = provider.GetRequiredService<SimulatedErpStock>().Set("SKU-R", 3);
        var page = await provider.GetRequiredService<IErpPort>().GetStockSnapshotAsync(null, 10, new OutboundContext("stock:erp-stock-snapshot", "corr-r"), CancellationToken.None);
        Assert.Equal([booked], page.Positions);
    }

    [Fact]
    public async Task AddDistributionDownstreams_OnlyErpBaseUrl_ErpOverHttpWarehouseSimulated()
    {
        var configuration = Configuration(new() { ["Distribution:Erp:BaseUrl"] = "http://127.0.0.1:9" });

        await using var provider = Build(configuration);

        Assert.False(IntegrationServiceCollectionExtensions.UsesSimulation(configuration, DownstreamSystem.Erp));
        Assert.True(IntegrationServiceCollectionExtensions.UsesSimulation(configuration, DownstreamSystem.Warehouse));
        Assert.IsType<ErpHttpAdapter>(provider.GetRequiredService<IErpPort>());
        Assert.IsType<SimulatedWarehouse>(provider.GetRequiredService<IWarehousePort>());
        // The real ERP keeps its own stock: no simulated book to set that nothing would read.
        Assert.Null(provider.GetService<SimulatedErpStock>());
        // Kept either way, so the simulation's endpoints can exist whatever is configured.
        // One ledger and one set of faults: what the simulation endpoints set is what the simulated ports meet.
        Assert.Same(provider.GetRequiredService<SimulationLedger>(), provider.GetRequiredService<SimulationLedger>());
        Assert.Same(provider.GetRequiredService<FaultInjector>(), provider.GetRequiredService<FaultInjector>());
    }

    [Fact]
    public async Task AddDistributionDownstreams_OnlyWmsBaseUrl_WarehouseOverHttpErpSimulated()
    {
        var configuration = Configuration(new() { ["Distribution:Wms:BaseUrl"] = "http://127.0.0.1:9" });

        await using var provider = Build(configuration);

        Assert.IsType<SimulatedErp>(provider.GetRequiredService<IErpPort>());
        Assert.IsType<WarehouseHttpAdapter>(provider.GetRequiredService<IWarehousePort>());
    }

    [Fact]
    public void AddDistributionDownstreams_SettingsWithoutBaseUrl_FailsInsteadOfSimulating()
    {
        var configuration = Configuration(new() { ["Distribution:Erp:BaseUri"] = "http://erp.internal", ["Distribution:Erp:TotalTimeout"] = "00:00:20" });

        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddDistributionDownstreams(configuration));

        Assert.Contains("Distribution:Erp", failure.Message);
        Assert.Contains("BaseUrl", failure.Message);
    }

    [Fact]
    public async Task AddDistributionDownstreams_InvalidOptions_RefusedWithTheirKeys()
    {
        var configuration = Configuration(new()
        {
            ["Distribution:Erp:BaseUrl"] = "ftp://erp.internal",
            ["Distribution:Erp:CircuitMinimumThroughput"] = "1",
            ["Distribution:Erp:TotalTimeout"] = "00:00:01",
        });

        await using var provider = Build(configuration);

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IErpPort>());
        Assert.Contains(failure.Failures, message => message.Contains("Distribution:Erp:BaseUrl"));
        Assert.Contains(failure.Failures, message => message.Contains("Distribution:Erp:CircuitMinimumThroughput"));
        Assert.Contains(failure.Failures, message => message.Contains("Distribution:Erp:TotalTimeout"));
    }

    [Fact]
    public async Task AddDistributionDownstreams_NoReporterRegistered_DefaultsToHealthState()
    {
        await using var provider = Build(Configuration([]));

        var reporter = provider.GetRequiredService<IDependencyHealthReporter>();

        Assert.Same(provider.GetRequiredService<DependencyHealthState>(), reporter);
    }

    [Fact]
    public void UsesSimulation_UnknownSystem_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IntegrationServiceCollectionExtensions.UsesSimulation(Configuration([]), "carrier"));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDistributionDownstreams(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
