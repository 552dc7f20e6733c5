using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Simulated;

namespace OrleansDistribution.Integration;

/// <summary>Registers the downstream ports.</summary>
public static class IntegrationServiceCollectionExtensions
{
    /// <summary>Uses the in-process ERP and WMS, configured from "Distribution:Simulation".</summary>
    public static IServiceCollection AddSimulatedDownstreams(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SimulationOptions>(configuration.GetSection("Distribution:Simulation"));
        services.AddSingleton<SimulatedLatency>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<SimulationLedger>();
        services.AddSingleton<SimulatedErp>();
        services.AddSingleton<SimulatedWarehouse>();
        services.AddSingleton<IErpPort>(provider => provider.GetRequiredService<SimulatedErp>());
        services.AddSingleton<IWarehousePort>(provider => provider.GetRequiredService<SimulatedWarehouse>());
        return services;
    }
}
