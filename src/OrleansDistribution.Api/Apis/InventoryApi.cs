using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>
/// Stock positions. The ERP (or the operator for it) states on-hand, by a sequenced feed or by hand; partners
/// read what their inventory policy lets them promise, the operator the whole breakdown.
/// </summary>
public static class InventoryApi
{
    /// <summary>Largest sync body: 5,000 statements with 64-character SKUs and reasons fit; other bodies stay at 1 MiB.</summary>
    public const long MaxSyncBodyBytes = 4 * 1024 * 1024;

    /// <summary>Maps /v1/inventory.</summary>
    public static RouteGroupBuilder MapInventoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/inventory").WithTags("Inventory");
        group.MapPost("/sync", SyncAsync).RequireAuthorization(Policies.StockWriter).WithName("SyncInventory")
            .DisableValidation().WithMetadata(new RequestSizeLimitAttribute(MaxSyncBodyBytes));
        group.MapPut("/{sku:key}", SetOnHandAsync).RequireAuthorization(Policies.StockWriter).WithName("SetOnHand");
        group.MapGet("/{sku:key}", GetAsync).RequireAuthorization(Policies.InventoryReader).WithName("GetInventory");
        return group;
    }

    /// <summary>Sets a SKU's on-hand (and safety stock) by hand; reservations are kept, the ERP's next statement replaces it.</summary>
    public static async Task<Ok<InventoryResponse>> SetOnHandAsync(
        [Identifier(64)] string sku, SetInventoryRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var snapshot = await grains.GetGrain<IInventoryGrain>(sku).SetByHandAsync(request.OnHand!.Value, request.SafetyStock);
        return TypedResults.Ok(InventoryResponse.From(snapshot, clock.GetUtcNow()));
    }

    /// <summary>
    /// Applies a batch of ERP statements (up to 5,000): per SKU in sequence order, each once, one write per SKU.
    /// Each line is checked alone: a bad line is refused with its problem while the others are applied.
    /// </summary>
    public static async Task<Results<Ok<ErpSyncResponse>, ValidationProblem>> SyncAsync(
        ErpSyncRequest request, RequestValidator validator, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (request.Positions is not { Count: > 0 and <= ErpSyncRequest.MaxPositions } positions)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["positions"] = [$"Give 1 to {ErpSyncRequest.MaxPositions} positions."],
            });
        }

        var lines = new ErpSyncLineResponse?[positions.Count];
        var bySku = new Dictionary<string, List<(int Index, ErpStockUpdate Update)>>(StringComparer.Ordinal);
        for (var i = 0; i < positions.Count; i++)
        {
            var line = positions[i];
            var errors = line is null ? new Dictionary<string, string[]> { [""] = ["A position is required."] } : await validator.ValidateAsync(line, cancellationToken);
            if (errors.Count > 0)
            {
                lines[i] = new ErpSyncLineResponse(i, line?.Sku, "rejected", Status: StatusCodes.Status400BadRequest,
                    Errors: errors.ToDictionary(pair => pair.Key.Length == 0 ? $"positions[{i}]" : $"positions[{i}].{ErrorKeys.ToJsonPath(pair.Key)}", pair => pair.Value, StringComparer.Ordinal));
                continue;
            }

            var update = new ErpStockUpdate(line!.ErpSequence!.Value, line.AsOf!.Value, line.OnHand, line.Delta, line.Reason);
            if (!bySku.TryGetValue(line.Sku, out var group))
            {
                bySku[line.Sku] = group = [];
            }

            group.Add((i, update));
        }

        await Task.WhenAll(bySku.Select(async pair =>
        {
            var (sku, group) = (pair.Key, pair.Value);
            try
            {
                var outcome = await grains.GetGrain<IInventoryGrain>(sku).SyncAsync([.. group.Select(entry => entry.Update)]);
                for (var j = 0; j < group.Count; j++)
                {
                    lines[group[j].Index] = outcome.Results[j] switch
                    {
                        ErpSyncResult.Applied => new ErpSyncLineResponse(group[j].Index, sku, "applied", outcome.Position.OnHand),
                        ErpSyncResult.Stale => new ErpSyncLineResponse(group[j].Index, sku, "stale", outcome.Position.OnHand),
                        _ => new ErpSyncLineResponse(group[j].Index, sku, "rejected", Status: StatusCodes.Status422UnprocessableEntity,
                            Detail: $"SKU '{sku}' is not known: its first statement must give onHand, not a delta."),
                    };
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                foreach (var (index, _) in group)
                {
                    lines[index] = new ErpSyncLineResponse(index, sku, "failed", Status: StatusCodes.Status503ServiceUnavailable,
                        Detail: $"SKU '{sku}' could not be written; none of its lines was applied. Resend: repeats are harmless.");
                }
            }
        }));

        var results = lines.Select(line => line!).ToList();
        return TypedResults.Ok(new ErpSyncResponse(
            results.Count(line => line.Result == "applied"),
            results.Count(line => line.Result == "stale"),
            results.Count(line => line.Result == "rejected"),
            results.Count(line => line.Result == "failed"),
            results));
    }

    /// <summary>Returns a SKU's position: the whole breakdown for the operator and the ERP, what it may promise for a partner.</summary>
    public static async Task<Ok<InventoryResponse>> GetAsync(string sku, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock)
    {
        var inventory = grains.GetGrain<IInventoryGrain>(sku);
        if (user.GetPartnerId() is not { } partnerId)
        {
            var snapshot = await inventory.GetAsync() ?? throw UnknownSku(sku);
            return TypedResults.Ok(InventoryResponse.From(snapshot, clock.GetUtcNow()));
        }

        var policy = await grains.GetGrain<IPartnerGrain>(partnerId).GetInventoryPolicyAsync() ?? InventoryPolicy.Default;
        var position = await inventory.GetForChannelAsync(partnerId, policy) ?? throw UnknownSku(sku);
        return TypedResults.Ok(InventoryResponse.ForChannel(position, partnerId, policy, clock.GetUtcNow()));
    }

    private static RuleViolationException UnknownSku(string sku) =>
        new(RuleViolationKind.NotFound, RuleCodes.UnknownSku, $"SKU '{sku}' is not known.");
}
