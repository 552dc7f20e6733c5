using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>
/// The hub checked against the ERP, the system of record: reconciliations (drift reports of the positions given, or of
/// the ERP's whole stock snapshot; they change no stock) and full ERP stock refreshes on demand (the schedule runs them
/// anyway; they state the ERP's figures to the SKUs).
/// </summary>
public static class InventoryReconciliationApi
{
    /// <summary>Maps /v1/inventory/reconciliations and /v1/inventory/refreshes.</summary>
    public static IEndpointRouteBuilder MapInventoryReconciliationApi(this IEndpointRouteBuilder app)
    {
        var reconciliations = app.MapGroup("/v1/inventory/reconciliations").WithTags("Inventory").RequireAuthorization(Policies.StockWriter);
        reconciliations.MapPost("/", StartReconciliationAsync).WithName("StartReconciliation");
        reconciliations.MapGet("/{reconciliationId:key}", GetReconciliationAsync).WithName("GetReconciliation")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var refreshes = app.MapGroup("/v1/inventory/refreshes").WithTags("Inventory").RequireAuthorization(Policies.Operator);
        refreshes.MapPost("/", StartRefreshAsync).WithName("StartErpRefresh");
        refreshes.MapGet("/{runId:key}", GetRefreshAsync).WithName("GetErpRefresh").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// Reconciles the hub's on-hand with the ERP's: the positions given (201, the report complete) or, with
    /// <c>"source": "erp"</c>, the ERP's stock snapshot read page by page (202; poll the location). The report lists only
    /// the SKUs that differ, each with its likely cause; each difference over the drift threshold opens (or updates) the
    /// SKU's InventoryDrift exception, a SKU that agrees again has its exception withdrawn. Stock is not changed.
    /// </summary>
    public static async Task<Results<Created<ReconciliationResponse>, Accepted<ReconciliationResponse>>> StartReconciliationAsync(
        StartReconciliationRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var reconciliationId = $"rec_{Guid.CreateVersion7():N}";
        var report = ReconciliationResponse.From(await grains.GetGrain<IInventoryReconciliationGrain>(reconciliationId).StartAsync(request.ToRequest(user.Actor())));
        var location = $"/v1/inventory/reconciliations/{reconciliationId}";
        return request.Positions is null ? TypedResults.Accepted(location, report) : TypedResults.Created(location, report);
    }

    /// <summary>A reconciliation's drift report: status, SKUs checked, and the SKUs that differ with their likely cause.</summary>
    public static async Task<Ok<ReconciliationResponse>> GetReconciliationAsync(string reconciliationId, IGrainFactory grains) =>
        TypedResults.Ok(ReconciliationResponse.From(await grains.GetGrain<IInventoryReconciliationGrain>(reconciliationId).GetAsync()
            ?? throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.ReconciliationNotFound, $"No reconciliation '{reconciliationId}'.")));

    /// <summary>
    /// Starts a full refresh of on-hand from the ERP's stock snapshot now (or answers with the one running): each position
    /// is stated to its SKU as an absolute figure with the ERP's sequence, so figures the hub already has change nothing.
    /// Poll the location for progress.
    /// </summary>
    public static async Task<Accepted<ErpRefreshResponse>> StartRefreshAsync(IGrainFactory grains)
    {
        var run = await grains.GetGrain<IErpStockRefreshGrain>(IErpStockRefreshGrain.Key).TriggerAsync();
        return TypedResults.Accepted($"/v1/inventory/refreshes/{run.RunId}", ErpRefreshResponse.From(run));
    }

    /// <summary>A recent ERP stock refresh (the last 20 are kept): status, pages, positions applied, stale and failed.</summary>
    public static async Task<Ok<ErpRefreshResponse>> GetRefreshAsync(string runId, IGrainFactory grains) =>
        TypedResults.Ok(ErpRefreshResponse.From(await grains.GetGrain<IErpStockRefreshGrain>(IErpStockRefreshGrain.Key).GetRunAsync(runId)
            ?? throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.RefreshNotFound, $"No recent ERP stock refresh '{runId}'.")));
}
