using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Integration.Simulated;

namespace ErpSimulator.Endpoints;

/// <summary>The simulator's own controls: fault injection and what it did for an order.</summary>
public static class SimulationApi
{
    /// <summary>Maps /_sim.</summary>
    public static RouteGroupBuilder MapSimulationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/_sim");
        group.MapPut("/faults", SetFaults);
        group.MapGet("/faults", GetFaults);
        group.MapGet("/orders/{orderId}", GetOrder);
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
}
