using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Webhooks;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>
/// Signed webhooks: a partner registers endpoints for the event types of its feed (the secret is shown once), lists,
/// reads and deletes them, and reads each one's delivery log; the operator may read any partner's. Delivery itself is
/// the endpoint grains' (asynchronous, nothing of it runs on a request).
/// </summary>
public static class WebhooksApi
{
    /// <summary>Maps /v1/webhooks.</summary>
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/webhooks").WithTags("Webhooks");
        group.MapPost("/", RegisterAsync).RequireAuthorization(Policies.Partner).WithName("RegisterWebhook")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.PartnerOrOperator).WithName("ListWebhooks")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{webhookId:key}", GetAsync).RequireAuthorization(Policies.PartnerOrOperator).WithName("GetWebhook")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{webhookId:key}", DeleteAsync).RequireAuthorization(Policies.Partner).WithName("DeleteWebhook")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{webhookId:key}/deliveries", ListDeliveriesAsync).RequireAuthorization(Policies.PartnerOrOperator)
            .WithName("ListWebhookDeliveries").ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>
    /// Registers an endpoint for the calling partner's events from now on and returns it with its signing secret
    /// (<c>whsec_...</c>), which is never shown again. At most 10 endpoints per partner.
    /// </summary>
    public static async Task<Created<WebhookResponse>> RegisterAsync(RegisterWebhookRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var registration = await grains.GetGrain<IPartnerWebhooksGrain>(user.GetPartnerId()!).RegisterAsync(request.ToSubscription());
        return TypedResults.Created($"/v1/webhooks/{registration.Endpoint.WebhookId}",
            WebhookResponse.From(registration.Endpoint) with { Secret = registration.Secret });
    }

    /// <summary>A partner's endpoints, oldest first: the caller's own, or for the operator those of <c>partnerId</c> (required then).</summary>
    public static async Task<Results<Ok<WebhookListResponse>, ValidationProblem>> ListAsync(
        [Identifier(64)] string? partnerId, ClaimsPrincipal user, IGrainFactory grains)
    {
        string owner;
        if (user.IsOperator())
        {
            if (partnerId is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["partnerId"] = ["Required for the operator: the partner whose webhooks to list."],
                });
            }

            owner = partnerId;
        }
        else
        {
            owner = user.GetPartnerId()!;
            if (partnerId is not null && partnerId != owner)
            {
                // Another partner's list: as if it did not exist, so partner IDs cannot be probed.
                throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.PartnerNotFound, $"Partner '{partnerId}' does not exist.");
            }
        }

        var endpoints = await grains.GetGrain<IPartnerWebhooksGrain>(owner).ListAsync();
        return TypedResults.Ok(new WebhookListResponse([.. endpoints.Select(WebhookResponse.From)]));
    }

    /// <summary>An endpoint and where its delivery stands (never its secret); another partner's does not exist for the caller.</summary>
    public static async Task<Ok<WebhookResponse>> GetAsync(string webhookId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(WebhookResponse.From(await FindVisibleAsync(webhookId, user, grains)));

    /// <summary>Deletes one of the caller's endpoints: delivery stops, its parked exceptions are withdrawn.</summary>
    public static async Task<NoContent> DeleteAsync(string webhookId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await FindVisibleAsync(webhookId, user, grains);
        await grains.GetGrain<IPartnerWebhooksGrain>(user.GetPartnerId()!).DeleteAsync(webhookId);
        return TypedResults.NoContent();
    }

    /// <summary>The endpoint's most recent delivery attempts (up to 200), newest first: event, attempt, outcome, status code, latency.</summary>
    public static async Task<Ok<WebhookDeliveryListResponse>> ListDeliveriesAsync(string webhookId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await FindVisibleAsync(webhookId, user, grains);
        var attempts = await grains.GetGrain<IWebhookEndpointGrain>(webhookId).DeliveriesAsync() ?? throw NotFound(webhookId);
        return TypedResults.Ok(new WebhookDeliveryListResponse(webhookId, attempts));
    }

    private static async Task<WebhookEndpoint> FindVisibleAsync(string webhookId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var endpoint = await grains.GetGrain<IWebhookEndpointGrain>(webhookId).GetAsync();
        return endpoint is not null && (user.IsOperator() || endpoint.PartnerId == user.GetPartnerId()) ? endpoint : throw NotFound(webhookId);
    }

    private static RuleViolationException NotFound(string webhookId) =>
        new(RuleViolationKind.NotFound, RuleCodes.WebhookNotFound, $"Webhook '{webhookId}' does not exist.");
}
