using ErpSimulator.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Integration.Simulated;

namespace ErpSimulator.Endpoints;

/// <summary>The simulator's own controls: fault injection, what it did for an order, and the ERP's stock book.</summary>
public static class SimulationApi
{
    /// <summary>Maps /_sim.</summary>
    public static RouteGroupBuilder MapSimulationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/_sim");
        group.MapPut("/faults", SetFaults);
        group.MapGet("/faults", GetFaults);
        group.MapGet("/orders/{orderId}", GetOrder);
        group.MapPut("/stock/{sku}", SetStock);
        group.MapGet("/stock/{sku}", GetStock);
        return group;
    }

    /// <summary>Sets faults for one system, or both when <c>system</c> is null, and returns the faults now in force.</summary>
    public static Results<Ok<IReadOnlyDictionary<string, SimulationFaults>>, ValidationProblem> SetFaults(
        SimulationFaults faults,
        FaultInjector injector,
        ILoggerFactory loggers)
    {
        // "rejectSkus": null deserialises to null whatever the annotation says; the injector needs a list.
        faults = faults with { RejectSkus = faults.RejectSkus ?? [] };
        var problems = faults.Problems();
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems.ToDictionary(problem => problem.Key, problem => new[] { problem.Value }, StringComparer.Ordinal));
        }

        var current = injector.Set(faults);
        SimulatorLog.FaultsSet(loggers.CreateLogger(typeof(SimulationApi)), faults.System ?? "erp and wms", faults.LatencyMs,
            faults.ErrorRate, faults.DropResponseRate, faults.Down, string.Join(", ", faults.RejectSkus));
        return TypedResults.Ok(current);
    }

    /// <summary>The faults in force, by system.</summary>
    public static Ok<IReadOnlyDictionary<string, SimulationFaults>> GetFaults(FaultInjector injector) => TypedResults.Ok(injector.Current);

    /// <summary>Commits, releases, cancels and requests received for an order; 404 when nothing reached the simulator for it.</summary>
    public static Results<Ok<SimulatedOrderRecord>, ProblemHttpResult> GetOrder(string orderId, SimulationLedger ledger) =>
        ledger.Of(orderId) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.Problem($"The simulator has received nothing for order '{orderId}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown order");

    /// <summary>Books a SKU's on-hand in the ERP (its <c>erpSequence</c> grows by one) and returns the position.</summary>
    public static Results<Ok<StockPosition>, ValidationProblem> SetStock(
        string sku,
        SetStockRequest request,
        SimulatedErpStock stock,
        ILoggerFactory loggers)
    {
        var errors = request.Validate(sku);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var position = stock.Set(sku, request.OnHand!.Value);
        SimulatorLog.StockSet(loggers.CreateLogger(typeof(SimulationApi)), position.Sku, position.OnHand, position.ErpSequence);
        return TypedResults.Ok(StockPosition.From(position));
    }

    /// <summary>A SKU's position in the ERP's stock book; 404 when the ERP has never booked it.</summary>
    public static Results<Ok<StockPosition>, ProblemHttpResult> GetStock(string sku, SimulatedErpStock stock) =>
        stock.Of(sku) is { } position
            ? TypedResults.Ok(StockPosition.From(position))
            : TypedResults.Problem($"The simulated ERP has booked no stock for SKU '{sku}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown SKU");
}
