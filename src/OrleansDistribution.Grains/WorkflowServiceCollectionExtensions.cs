using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Grains.Events;
using OrleansDistribution.Grains.Orders;
using OrleansDistribution.Grains.Workflow;

namespace OrleansDistribution.Grains;

/// <summary>The services the grains need besides storage and ports: event outbox, step runner, sweeper and ERP refresh start.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Registers them (once per silo).</summary>
    public static IServiceCollection AddDistributionWorkflow(this IServiceCollection services)
    {
        services.AddSingleton<EventOutbox>();
        services.TryAddSingleton<DistributionMeter>();
        services.AddSingleton<Telemetry.InventoryMetrics>();
        services.AddSingleton<StepRunner>();
        services.AddSingleton<CustomerStandingCache>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WorkflowSweeperStartup>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloLossWatcher>();
        services.AddSingleton<Telemetry.ErpStockMetrics>();
        services.AddSingleton<Telemetry.WebhookMetrics>();
        services.AddSingleton(provider => new Telemetry.KpiWindow(provider.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Grains)));
        services.AddSingleton<Telemetry.OperationsMetrics>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, Operations.KpiReporter>();
        services.AddSingleton<Inventory.ErpStockReader>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, Inventory.ErpStockRefreshStartup>();
        return services;
    }
}
