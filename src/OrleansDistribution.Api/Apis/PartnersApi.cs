using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>Partner onboarding, standing and contract price lists (operator).</summary>
public static class PartnersApi
{
    /// <summary>Maps /v1/partners.</summary>
    public static RouteGroupBuilder MapPartnersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/partners").WithTags("Partners").RequireAuthorization(Policies.Operator);
        group.MapPost("/", CreatePartnerAsync).WithName("CreatePartner");
        group.MapGet("/{partnerId:key}", GetPartnerAsync).WithName("GetPartner");
        group.MapPut("/{partnerId:key}/status", SetStatusAsync).WithName("SetPartnerStatus");
        group.MapPut("/{partnerId:key}/price-list", SetPriceListAsync).WithName("SetPriceList");
        group.MapGet("/{partnerId:key}/price-list", GetPriceListAsync).WithName("GetPriceList");
        group.MapPut("/{partnerId:key}/inventory-policy", SetInventoryPolicyAsync).WithName("SetInventoryPolicy");

        // A partner may read its own policy, so this one is outside the operator-only group.
        app.MapGet("/v1/partners/{partnerId:key}/inventory-policy", GetInventoryPolicyAsync).WithTags("Partners")
            .RequireAuthorization(Policies.PartnerOrOperator).WithName("GetInventoryPolicy");
        return group;
    }

    /// <summary>Sets how much stock the partner may promise and what it is told; omitted fields take their defaults.</summary>
    public static async Task<Ok<InventoryPolicyResponse>> SetInventoryPolicyAsync(
        string partnerId, InventoryPolicyRequest request, IGrainFactory grains)
    {
        var policy = await grains.GetGrain<IPartnerGrain>(partnerId).SetInventoryPolicyAsync(request.ToPolicy());
        return TypedResults.Ok(InventoryPolicyResponse.From(partnerId, policy));
    }

    /// <summary>Returns a partner's inventory policy (the defaults when none was set); a partner may read only its own.</summary>
    public static async Task<Ok<InventoryPolicyResponse>> GetInventoryPolicyAsync(string partnerId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!user.IsOperator() && user.GetPartnerId() != partnerId)
        {
            // Another partner's policy: as if it did not exist, so partner IDs cannot be probed.
            throw PartnerNotFound(partnerId);
        }

        var policy = await grains.GetGrain<IPartnerGrain>(partnerId).GetInventoryPolicyAsync() ?? throw PartnerNotFound(partnerId);
        return TypedResults.Ok(InventoryPolicyResponse.From(partnerId, policy));
    }

    /// <summary>Onboards a partner and returns its API key, once.</summary>
    public static async Task<Created<CreatePartnerResponse>> CreatePartnerAsync(
        CreatePartnerRequest request, IGrainFactory grains)
    {
        var apiKey = ApiKeys.NewKey("odp_");
        var rateLimit = request.RateLimitPerSecond ?? CreatePartnerRequest.DefaultRateLimitPerSecond;
        var profile = await grains.GetGrain<IPartnerGrain>(request.PartnerId)
            .RegisterAsync(new PartnerRegistration(request.Name.Trim(), rateLimit, ApiKeys.Hash(apiKey)));
        return TypedResults.Created($"/v1/partners/{profile.PartnerId}",
            new CreatePartnerResponse(profile.PartnerId, profile.Name, profile.RateLimitPerSecond, apiKey));
    }

    /// <summary>Returns a partner's profile.</summary>
    public static async Task<Ok<PartnerResponse>> GetPartnerAsync(string partnerId, IGrainFactory grains)
    {
        var profile = await grains.GetGrain<IPartnerGrain>(partnerId).GetProfileAsync() ?? throw PartnerNotFound(partnerId);
        return TypedResults.Ok(PartnerResponse.From(profile));
    }

    /// <summary>Suspends or reactivates a partner.</summary>
    public static async Task<Ok<PartnerResponse>> SetStatusAsync(
        string partnerId, SetPartnerStatusRequest request, IGrainFactory grains, PartnerKeyCache partnerKeys)
    {
        var profile = await grains.GetGrain<IPartnerGrain>(partnerId).SetStatusAsync(OneOfAttribute.Parse<PartnerStatus>(request.Status));
        partnerKeys.Changed(partnerId);
        return TypedResults.Ok(PartnerResponse.From(profile));
    }

    /// <summary>Publishes a price list version; new orders are priced with it.</summary>
    public static async Task<Ok<PriceListResponse>> SetPriceListAsync(
        string partnerId, PriceListRequest request, IGrainFactory grains)
    {
        var priceList = new PriceList(request.Version, request.Currency,
            [.. request.Lines.Select(line => new PriceListLine(line.Sku, line.UnitPrice))], DateTimeOffset.MinValue);
        var stored = await grains.GetGrain<IPartnerGrain>(partnerId).SetPriceListAsync(priceList);
        return TypedResults.Ok(PriceListResponse.From(partnerId, stored));
    }

    /// <summary>Returns the current price list.</summary>
    public static async Task<Ok<PriceListResponse>> GetPriceListAsync(string partnerId, IGrainFactory grains)
    {
        var partner = grains.GetGrain<IPartnerGrain>(partnerId);
        _ = await partner.GetProfileAsync() ?? throw PartnerNotFound(partnerId);
        var priceList = await partner.GetCurrentPriceListAsync()
            ?? throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.NoPriceList, $"Partner '{partnerId}' has no price list yet.");
        return TypedResults.Ok(PriceListResponse.From(partnerId, priceList));
    }

    private static RuleViolationException PartnerNotFound(string partnerId) =>
        new(RuleViolationKind.NotFound, RuleCodes.PartnerNotFound, $"Partner '{partnerId}' does not exist.");
}
