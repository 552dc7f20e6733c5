using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansDistribution.Integration.Health;
using OrleansDistribution.Integration.Http;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Simulated;

namespace OrleansDistribution.Integration;

/// <summary>Registers the downstream ports.</summary>
public static class IntegrationServiceCollectionExtensions
{
    // Connections are recycled so a long-lived adapter (held by a grain activation) still follows DNS
    // changes of the ERP/WMS host; the factory's handler rotation is then unnecessary and would only
    // throw away warm connections.
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Registers, for the ERP and the WMS independently, the HTTP adapter when "Distribution:Erp:BaseUrl" /
    /// "Distribution:Wms:BaseUrl" is set and the in-process simulation otherwise. The simulation's ledger and
    /// fault injector are registered either way, the simulated ERP's stock book (<see cref="SimulatedErpStock"/>) only
    /// with the simulated ERP. Also registers <see cref="DependencyHealthState"/> as the
    /// default <see cref="IDependencyHealthReporter"/> unless one is already registered.
    /// </summary>
    /// <exception cref="InvalidOperationException">A system's section holds settings but no BaseUrl.</exception>
    public static IServiceCollection AddDistributionDownstreams(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var system in new[] { DownstreamSystem.Erp, DownstreamSystem.Warehouse })
        {
            // Simulated or not, a system's circuit settings come from its section.
            services.AddOptions<DownstreamHttpOptions>(system).Bind(configuration.GetSection(DownstreamHttpOptions.SectionOf(system))).ValidateOnStart();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DownstreamHttpOptions>, DownstreamHttpOptionsValidator>());

        AddSimulationCore(services, configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DependencyHealthState>();
        services.TryAddSingleton<IDependencyHealthReporter>(provider => provider.GetRequiredService<DependencyHealthState>());

        if (UsesSimulation(configuration, DownstreamSystem.Erp))
        {
            AddSimulatedErp(services);
        }
        else
        {
            AddHttpAdapter<IErpPort, ErpHttpAdapter>(services, configuration, DownstreamSystem.Erp);
        }

        if (UsesSimulation(configuration, DownstreamSystem.Warehouse))
        {
            AddSimulatedWarehouse(services);
        }
        else
        {
            AddHttpAdapter<IWarehousePort, WarehouseHttpAdapter>(services, configuration, DownstreamSystem.Warehouse);
        }

        return services;
    }

    /// <summary>
    /// True when <paramref name="system"/> ("erp" or "wms") is served by the in-process simulation, i.e. its
    /// BaseUrl is not set; the simulation's operator endpoints answer 404 for a system where this is false.
    /// </summary>
    /// <exception cref="InvalidOperationException">The system's section holds settings but no BaseUrl.</exception>
    public static bool UsesSimulation(IConfiguration configuration, string system)
    {
        var section = configuration.GetSection(DownstreamHttpOptions.SectionOf(system));
        if (!string.IsNullOrWhiteSpace(section[nameof(DownstreamHttpOptions.BaseUrl)]))
        {
            return false;
        }

        // HTTP settings (timeouts, retries) without a BaseUrl almost always mean a missing or misspelt BaseUrl;
        // quietly running the simulation in its place would fake every ERP/WMS answer in production. Circuit
        // settings are the exception: the simulation has the same circuit, so they may tune it.
        var settings = section.GetChildren()
            .Where(child => !string.Equals(child.Key, nameof(DownstreamHttpOptions.BaseUrl), StringComparison.OrdinalIgnoreCase)
                            && !child.Key.StartsWith("Circuit", StringComparison.OrdinalIgnoreCase))
            .Select(child => child.Key).ToList();
        if (settings.Count > 0)
        {
            throw new InvalidOperationException(
                $"{section.Path} sets {string.Join(", ", settings)} but no BaseUrl. Set {section.Path}:BaseUrl to call the real system, " +
                "or remove the section to use the in-process simulation.");
        }

        return true;
    }

    private static void AddSimulationCore(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SimulationOptions>(configuration.GetSection("Distribution:Simulation"));
        services.TryAddSingleton<SimulatedLatency>();
        services.TryAddSingleton<FaultInjector>();
        services.TryAddSingleton<SimulationLedger>();
        services.TryAddSingleton<SimulatedCircuits>();
    }

    private static void AddSimulatedErp(IServiceCollection services)
    {
        // Only with the simulated ERP: a real ERP keeps its own stock book, and the API's stock endpoints answer 404 then.
        services.TryAddSingleton<SimulatedErpStock>();
        services.AddSingleton<SimulatedErp>();
        services.AddSingleton<IErpPort>(provider => provider.GetRequiredService<SimulatedErp>());
    }

    private static void AddSimulatedWarehouse(IServiceCollection services)
    {
        services.AddSingleton<SimulatedWarehouse>();
        services.AddSingleton<IWarehousePort>(provider => provider.GetRequiredService<SimulatedWarehouse>());
    }

    /// <summary>A typed client named after the system, with the system's resilience pipeline (also named after it).</summary>
    private static void AddHttpAdapter<TPort, TAdapter>(IServiceCollection services, IConfiguration configuration, string system)
        where TPort : class
        where TAdapter : class, TPort
    {

        services.AddHttpClient<TPort, TAdapter>(system, (provider, client) =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<DownstreamHttpOptions>>().Get(system);
                client.BaseAddress = options.BaseAddress();
                // The pipeline's total timeout ends the attempts; this one also covers reading the body,
                // which HttpClient does after the pipeline has returned the response headers.
                client.Timeout = options.TotalTimeout;
            })
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = PooledConnectionLifetime)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(system, (pipeline, context) =>
            {
                var provider = context.ServiceProvider;
                DownstreamResiliencePipeline.Configure(
                    pipeline,
                    system,
                    provider.GetRequiredService<IOptionsMonitor<DownstreamHttpOptions>>().Get(system),
                    provider.GetRequiredService<IDependencyHealthReporter>(),
                    provider.GetRequiredService<ILoggerFactory>().CreateLogger($"{typeof(DownstreamResiliencePipeline).Namespace}.{system}"));
            });
    }
}
