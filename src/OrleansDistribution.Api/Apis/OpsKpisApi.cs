using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Operations;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>
/// The operations KPIs the ops console draws (operator): the cluster's last 15 minutes as per-minute series, merged
/// over every silo by the cluster's KPI grain, and its state now. Prometheus reads the same figures at /metrics.
/// </summary>
public static class OpsKpisApi
{
    /// <summary>Maps /v1/ops/kpis.</summary>
    public static RouteHandlerBuilder MapOpsKpisApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/ops/kpis", GetAsync).WithTags("Operations").RequireAuthorization(Policies.Operator).WithName("GetOpsKpis");

    /// <summary>
    /// Acceptance latency p50/p99, orders accepted, failed partner submissions, replay results and ERP sync lag p99 per
    /// minute; open exceptions per minute and by type now, with the oldest one's age; orders by status; dependency health;
    /// each partner's traffic over the window.
    /// </summary>
    public static async Task<Ok<OpsKpisResponse>> GetAsync(IGrainFactory grains) =>
        TypedResults.Ok(OpsKpisResponse.From(await grains.GetGrain<IOpsKpiGrain>(IOpsKpiGrain.Key).GetAsync()));
}
