using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Security;
using OrleansDistribution.Integration;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Simulated;

namespace OrleansDistribution.Api.Apis;

/// <summary>
/// Fault injection and inspection of the in-process ERP/WMS simulation (operator), so a demo can show the
/// recovery story without a second process, and the simulated ERP's stock book. Same bodies as samples/ErpSimulator's
/// /_sim endpoints.
/// </summary>
public static class SimulationApi
{
    /// <summary>Maps /v1/simulation.</summary>
    public static RouteGroupBuilder MapSimulationApi(this IEndpointRouteBuilder app)
    {
        // A development aid (the in-process ERP/WMS), not part of the public contract: left out of the OpenAPI document.
        var group = app.MapGroup("/v1/simulation").WithTags("Simulation").RequireAuthorization(Policies.Operator).ExcludeFromDescription();
        group.MapPut("/faults", SetFaults).WithName("SetSimulationFaults").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/faults", GetFaults).WithName("GetSimulationFaults").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/orders/{orderId:key}", GetOrder).WithName("GetSimulatedOrder").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/erp/stock/{sku:key}", SetErpStock).WithName("SetSimulatedErpStock").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/erp/stock/{sku:key}", GetErpStock).WithName("GetSimulatedErpStock").ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Sets faults for "erp", "wms" or both; returns the faults in force.</summary>
    public static Results<Ok<IReadOnlyDictionary<string, SimulationFaults>>, ValidationProblem> SetFaults(
        SimulationFaults faults, IServiceProvider services)
    {
        var injector = Simulation(services).Injector;
        var problems = faults.Problems();
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems.GroupBy(problem => problem.Key, problem => problem.Value, StringComparer.Ordinal)
                .ToDictionary(field => field.Key, field => field.ToArray(), StringComparer.Ordinal));
        }

        return TypedResults.Ok(injector.Set(faults));
    }

    /// <summary>The faults in force.</summary>
    public static Ok<IReadOnlyDictionary<string, SimulationFaults>> GetFaults(IServiceProvider services) =>
        TypedResults.Ok(Simulation(services).Injector.Current);

    /// <summary>What the simulated ERP/WMS did for an order.</summary>
    public static Ok<SimulatedOrderRecord> GetOrder(string orderId, IServiceProvider services) =>
        TypedResults.Ok(Simulation(services).Ledger.Of(orderId)
            ?? throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.OrderNotFound, $"The simulation has seen nothing for order '{orderId}'."));

    /// <summary>Books a SKU's on-hand in the simulated ERP (its ERP sequence grows by one); returns the position the ERP's stock snapshot now pages.</summary>
    public static Ok<ErpStockPosition> SetErpStock([Identifier(64)] string sku, SetSimulatedErpStockRequest request, IServiceProvider services) =>
        TypedResults.Ok(ErpStock(services).Set(sku, request.OnHand!.Value));

    /// <summary>A SKU's position in the simulated ERP's stock book.</summary>
    public static Ok<ErpStockPosition> GetErpStock(string sku, IServiceProvider services) =>
        TypedResults.Ok(ErpStock(services).Of(sku)
            ?? throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.UnknownSku, $"The simulated ERP has booked no stock for SKU '{sku}'."));

    /// <summary>The simulated ERP's stock book; only the simulated ERP has one (a real ERP keeps its own).</summary>
    private static SimulatedErpStock ErpStock(IServiceProvider services)
    {
        if (!IntegrationServiceCollectionExtensions.UsesSimulation(services.GetRequiredService<IConfiguration>(), DownstreamSystem.Erp))
        {
            throw new RuleViolationException(RuleViolationKind.NotFound, "simulation-not-in-use",
                "A real adapter serves the ERP; there is no simulated ERP stock to control. Use the simulator's own /_sim/stock endpoints.");
        }

        return services.GetRequiredService<SimulatedErpStock>();
    }

    private static (FaultInjector Injector, SimulationLedger Ledger) Simulation(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (!IntegrationServiceCollectionExtensions.UsesSimulation(configuration, DownstreamSystem.Erp)
            && !IntegrationServiceCollectionExtensions.UsesSimulation(configuration, DownstreamSystem.Warehouse))
        {
            throw new RuleViolationException(RuleViolationKind.NotFound, "simulation-not-in-use",
                "Real adapters serve both the ERP and the WMS; there is no in-process simulation to control. Use the simulator's own /_sim endpoints.");
        }

        return (services.GetRequiredService<FaultInjector>(), services.GetRequiredService<SimulationLedger>());
    }
}
