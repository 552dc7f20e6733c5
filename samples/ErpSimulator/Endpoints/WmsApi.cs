using ErpSimulator.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Integration.Simulated;

namespace ErpSimulator.Endpoints;

/// <summary>The WMS side of docs/integration-contract.md: release for picking and cancel.</summary>
public static class WmsApi
{
    /// <summary>Maps /wms.</summary>
    public static RouteGroupBuilder MapWmsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/wms");
        group.MapPost("/releases", ReleaseAsync);
        group.MapPost("/releases/{orderId}/cancel", CancelReleaseAsync);
        return group;
    }

    /// <summary>Releases an order for picking once per Idempotency-Key.</summary>
    public static Task<Results<Ok<ReleaseResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> ReleaseAsync(
        ReleaseRequest request,
        HttpContext http,
        SimulatedDownstream downstream) =>
        // rejectSkus is an ERP commit rule (as in the in-process SimulatedWarehouse), so no SKUs are offered for refusal.
        downstream.PerformAsync(http, SimulationLedger.Effect.Release, request.OrderId, [], request.Validate(),
            reference => new ReleaseResponse(reference));

    /// <summary>Cancels a release; a repeat, or an order never released, is success too.</summary>
    public static Task<Results<Ok<CancelResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> CancelReleaseAsync(
        string orderId,
        HttpContext http,
        SimulatedDownstream downstream) =>
        downstream.PerformAsync(http, SimulationLedger.Effect.WmsCancel, orderId, [], new(),
            _ => new CancelResponse(true));
}
