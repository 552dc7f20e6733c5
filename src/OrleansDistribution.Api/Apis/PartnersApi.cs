using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>Partner onboarding, standing, limits, API keys and contract price lists (operator).</summary>
public static class PartnersApi
{
    /// <summary>Maps /v1/partners.</summary>
    public static RouteGroupBuilder MapPartnersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/partners").WithTags("Partners").RequireAuthorization(Policies.Operator)
            .AddEndpointFilter(AuditActor.Filter);
        group.MapPost("/", CreatePartnerAsync).WithName("CreatePartner");
        group.MapGet("/{partnerId:key}", GetPartnerAsync).WithName("GetPartner");
        group.MapPatch("/{partnerId:key}", UpdatePartnerAsync).WithName("UpdatePartner")
            .Accepts<UpdatePartnerRequest>("application/merge-patch+json", "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{partnerId:key}/keys", IssueKeyAsync).WithName("IssuePartnerKey")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{partnerId:key}/keys", ListKeysAsync).WithName("ListPartnerKeys")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{partnerId:key}/keys/{keyId:key}", RevokeKeyAsync).WithName("RevokePartnerKey")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
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
        var partner = grains.GetGrain<IPartnerGrain>(request.PartnerId);
        var profile = await partner.RegisterAsync(new PartnerRegistration(request.Name.Trim(), rateLimit, ApiKeys.Hash(apiKey), ApiKeys.Last4(apiKey)));
        var keys = await partner.GetKeysAsync();
        return TypedResults.Created($"/v1/partners/{profile.PartnerId}",
            new CreatePartnerResponse(profile.PartnerId, profile.Name, profile.RateLimitPerSecond, apiKey, keys?.FirstOrDefault()?.KeyId));
    }

    /// <summary>
    /// Changes name, rate limit, burst or daily quota (JSON merge patch: fields left out stay, null removes burst or
    /// quota). Takes effect on this API silo at once and on the others within about a second.
    /// </summary>
    public static async Task<Ok<PartnerResponse>> UpdatePartnerAsync(
        string partnerId, UpdatePartnerRequest request, IGrainFactory grains, PartnerKeyCache partnerKeys)
    {
        var profile = await grains.GetGrain<IPartnerGrain>(partnerId).UpdateAsync(request.ToUpdate());
        partnerKeys.Changed(partnerId);
        return TypedResults.Ok(PartnerResponse.From(profile));
    }

    /// <summary>Issues another API key (shown once); the partner's other keys keep working until revoked, so keys can be rotated without a gap.</summary>
    public static async Task<Created<IssuedKeyResponse>> IssueKeyAsync(string partnerId, IGrainFactory grains)
    {
        var apiKey = ApiKeys.NewKey("odp_");
        var key = await grains.GetGrain<IPartnerGrain>(partnerId).IssueKeyAsync(ApiKeys.Hash(apiKey), ApiKeys.Last4(apiKey));
        return TypedResults.Created($"/v1/partners/{partnerId}/keys", IssuedKeyResponse.From(partnerId, key, apiKey));
    }

    /// <summary>Lists the partner's keys, revoked ones included: IDs, last four characters and dates, never the keys.</summary>
    public static async Task<Ok<PartnerKeyListResponse>> ListKeysAsync(string partnerId, IGrainFactory grains)
    {
        var keys = await grains.GetGrain<IPartnerGrain>(partnerId).GetKeysAsync() ?? throw PartnerNotFound(partnerId);
        return TypedResults.Ok(new PartnerKeyListResponse(partnerId, [.. keys.Select(PartnerKeyResponse.From)]));
    }

    /// <summary>
    /// Revokes a key at once: 401 on this API silo from the next request, on every other within about a second. The
    /// last active key is kept (409 last-active-key) unless <paramref name="allowLastKey"/> is true.
    /// </summary>
    public static async Task<Ok<PartnerKeyResponse>> RevokeKeyAsync(
        string partnerId, string keyId, IGrainFactory grains, PartnerKeyCache partnerKeys, bool allowLastKey = false)
    {
        var key = await grains.GetGrain<IPartnerGrain>(partnerId).RevokeKeyAsync(keyId, allowLastKey);
        partnerKeys.Changed(partnerId);
        return TypedResults.Ok(PartnerKeyResponse.From(key));
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
