using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>Stock positions: the operator sets on-hand as ERP system of record; partners may read.</summary>
public static class InventoryApi
{
    /// <summary>Maps /v1/inventory.</summary>
    public static RouteGroupBuilder MapInventoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/inventory").WithTags("Inventory");
        group.MapPut("/{sku:key}", SetOnHandAsync).RequireAuthorization(Policies.Operator).WithName("SetOnHand");
        group.MapGet("/{sku:key}", GetAsync).RequireAuthorization(Policies.PartnerOrOperator).WithName("GetInventory");
        return group;
    }

    /// <summary>Sets a SKU's on-hand; reservations are kept.</summary>
    public static async Task<Ok<InventoryResponse>> SetOnHandAsync(
        [Identifier(64)] string sku, SetInventoryRequest request, IGrainFactory grains)
    {
        var snapshot = await grains.GetGrain<IInventoryGrain>(sku).SetOnHandAsync(request.OnHand!.Value);
        return TypedResults.Ok(InventoryResponse.From(snapshot));
    }

    /// <summary>Returns a SKU's position.</summary>
    public static async Task<Ok<InventoryResponse>> GetAsync(string sku, IGrainFactory grains)
    {
        var snapshot = await grains.GetGrain<IInventoryGrain>(sku).GetAsync()
            ?? throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.UnknownSku, $"SKU '{sku}' is not known.");
        return TypedResults.Ok(InventoryResponse.From(snapshot));
    }
}
