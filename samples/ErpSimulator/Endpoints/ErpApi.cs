using ErpSimulator.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Integration.Simulated;

namespace ErpSimulator.Endpoints;

/// <summary>The ERP side of docs/integration-contract.md: customer check, order commit and cancel, stock snapshot.</summary>
public static class ErpApi
{
    /// <summary>Maps /erp.</summary>
    public static RouteGroupBuilder MapErpApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/erp");
        group.MapGet("/customers/{customerId}", CheckCustomerAsync);
        group.MapPost("/orders", CommitOrderAsync);
        group.MapPost("/orders/{orderId}/cancel", CancelOrderAsync);
        group.MapGet("/stock", GetStockAsync);
        return group;
    }

    /// <summary>Whether a customer may order.</summary>
    public static Task<Results<Ok<CustomerResponse>, ProblemHttpResult, EmptyHttpResult>> CheckCustomerAsync(
        string customerId,
        string? partnerId,
        HttpContext http,
        SimulatedDownstream downstream) =>
        downstream.CheckCustomerAsync(http, customerId, partnerId);

    /// <summary>Commits an order once per Idempotency-Key; a SKU in rejectSkus refuses it with 422.</summary>
    public static Task<Results<Ok<CommitOrderResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> CommitOrderAsync(
        CommitOrderRequest request,
        HttpContext http,
        SimulatedDownstream downstream) =>
        downstream.PerformAsync(http, SimulationLedger.Effect.Commit, request.OrderId, request.Skus, request.Validate(),
            reference => new CommitOrderResponse(reference));

    /// <summary>Cancels an order; a repeat, or an order never committed, is success too.</summary>
    public static Task<Results<Ok<CancelResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> CancelOrderAsync(
        string orderId,
        HttpContext http,
        SimulatedDownstream downstream) =>
        downstream.PerformAsync(http, SimulationLedger.Effect.ErpCancel, orderId, [], new(),
            _ => new CancelResponse(true));

    /// <summary>One page of on-hand per SKU, in ordinal SKU order after the cursor <paramref name="after"/> (absent: from the first).</summary>
    public static Task<Results<Ok<StockPageResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> GetStockAsync(
        string? after,
        int? limit,
        HttpContext http,
        SimulatedDownstream downstream) =>
        downstream.ReadStockAsync(http, after, limit);
}
