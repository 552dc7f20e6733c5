using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Dependencies;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Abstractions.Webhooks;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Ops;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>
/// Exception queues by business cause: list, retry one, bulk replay with progress, resolve by hand (operator). An
/// exception's ID names its subject: an order's goes to the order, a SKU's (InventoryDrift, "drift:{sku}") to the SKU's
/// drift record, where retry re-checks the SKU against the ERP and skip acknowledges the drift; an event a webhook endpoint
/// did not take (WebhookDeliveryFailed, "webhook:{webhookId}:{cursor}") to the endpoint, where retry redelivers it and skip
/// closes it without delivery.
/// </summary>
public static class ExceptionsApi
{
    /// <summary>Maps /v1/exceptions.</summary>
    public static RouteGroupBuilder MapExceptionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/exceptions").WithTags("Exceptions").RequireAuthorization(Policies.Operator);
        group.MapGet("/", ListAsync).WithName("ListExceptions");
        group.MapGet("/groups", ListGroupsAsync).WithName("ListExceptionGroups");
        group.MapPost("/{exceptionId:key}/retry", RetryAsync).WithName("RetryException")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{exceptionId:key}/resolve", ResolveAsync).WithName("ResolveException")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/retry", StartBulkRetryAsync).WithName("StartBulkRetry");
        // Not /v1/exceptions/retry/{jobId}: that would be ambiguous with /v1/exceptions/{exceptionId}/retry.
        app.MapGet("/v1/replay-jobs/{jobId:key}", GetBulkRetryAsync).WithTags("Exceptions").RequireAuthorization(Policies.Operator)
            .WithName("GetBulkRetry").ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Open exceptions, oldest first, with the backlog per type and per partner.</summary>
    public static async Task<Ok<ExceptionListResponse>> ListAsync(
        [OneOf(typeof(ExceptionTypes))] string? type, [Identifier(64)] string? partnerId, IGrainFactory grains)
    {
        var perType = await OpenByTypeAsync(type, partnerId, grains);
        var items = perType.SelectMany(p => p.Items).OrderBy(e => e.RaisedAt).Select(ExceptionResponse.From).ToList();
        return TypedResults.Ok(new ExceptionListResponse(
            items,
            perType.ToDictionary(p => p.Type, p => p.Items.Count, StringComparer.Ordinal),
            items.Where(e => e.PartnerId is not null).GroupBy(e => e.PartnerId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)));
    }

    /// <summary>
    /// Open exceptions as incidents, the largest first: one group per dependency outage (ErpUnavailable, WarehouseUnavailable:
    /// every partner's orders together, with the outage's start while the dependency is still degraded), one per partner
    /// for any other cause. Whether a dependency is degraded is the cluster's view (any silo's circuit open), as on
    /// /v1/ops/kpis. Each group's <c>replay</c> is the POST /v1/exceptions/retry body that replays exactly it.
    /// </summary>
    public static async Task<Ok<ExceptionGroupListResponse>> ListGroupsAsync(
        [OneOf(typeof(ExceptionTypes))] string? type, [Identifier(64)] string? partnerId, IGrainFactory grains, TimeProvider clock)
    {
        var open = OpenByTypeAsync(type, partnerId, grains);
        var dependencies = await Task.WhenAll(DependencyState.Names.Select(name => grains.GetGrain<IDependencyHealthGrain>(name).GetAsync()));
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new ExceptionGroupListResponse(
            now, ExceptionGroups.Of((await open).SelectMany(p => p.Items), dependencies, partnerId, now)));
    }

    /// <summary>
    /// Replays the exception's failed step now (an InventoryDrift: re-checks the SKU against the ERP, withdrawn when it
    /// agrees; a WebhookDeliveryFailed: delivers the event again, withdrawn when the endpoint takes it); 200 either way,
    /// with whether it succeeded.
    /// </summary>
    public static async Task<Ok<RetryOutcomeResponse>> RetryAsync(string exceptionId, NoteRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var outcome = ExceptionIds.SkuOf(exceptionId) is { } sku
            ? await grains.GetGrain<IInventoryDriftGrain>(sku).RetryAsync(exceptionId, user.Actor(), request?.Note)
            : ExceptionIds.WebhookOf(exceptionId) is { } webhook
                ? await grains.GetGrain<IWebhookEndpointGrain>(webhook.WebhookId).RetryParkedAsync(exceptionId, user.Actor(), request?.Note)
                : await OrderOf(exceptionId, grains).RetryExceptionAsync(exceptionId, user.Actor(), request?.Note);
        return TypedResults.Ok(RetryOutcomeResponse.From(outcome));
    }

    /// <summary>
    /// Resolves the exception by hand: cancel, skip (done by hand) or release (lift the hold, run the step again); the order
    /// after it. An InventoryDrift takes only skip (acknowledged, 204); its stock is not changed. A WebhookDeliveryFailed
    /// takes only skip too (closed without delivery, 204).
    /// </summary>
    public static async Task<Results<Ok<OrderResponse>, NoContent>> ResolveAsync(
        string exceptionId, ResolveExceptionRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var action = OneOfAttribute.Parse<ExceptionAction>(request.Action);
        if (ExceptionIds.SkuOf(exceptionId) is { } sku)
        {
            if (action != ExceptionAction.Skip)
            {
                throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.ResolutionNotAllowed,
                    $"An inventory drift is about a SKU, not an order: '{request.Action}' has nothing to act on. Retry re-checks it against the ERP; skip acknowledges it.");
            }

            await grains.GetGrain<IInventoryDriftGrain>(sku).AcknowledgeAsync(exceptionId, user.Actor(), request.Note);
            return TypedResults.NoContent();
        }

        if (ExceptionIds.WebhookOf(exceptionId) is { } webhook)
        {
            if (action != ExceptionAction.Skip)
            {
                throw new RuleViolationException(RuleViolationKind.Conflict, RuleCodes.ResolutionNotAllowed,
                    $"A WebhookDeliveryFailed is about an event a webhook endpoint did not take, not an order: '{request.Action}' has nothing to act on. Retry redelivers it; skip closes it without delivery.");
            }

            await grains.GetGrain<IWebhookEndpointGrain>(webhook.WebhookId).AcknowledgeParkedAsync(exceptionId, user.Actor(), request.Note);
            return TypedResults.NoContent();
        }

        var order = await OrderOf(exceptionId, grains).ResolveExceptionAsync(exceptionId, action, user.Actor(), request.Note);
        return TypedResults.Ok(OrderResponse.From(order));
    }

    /// <summary>Starts a throttled bulk replay; poll the returned location for progress.</summary>
    public static async Task<Accepted<ReplayJobResponse>> StartBulkRetryAsync(
        BulkRetryRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var jobId = $"job_{Guid.CreateVersion7():N}";
        var type = ExceptionTypes.All.First(t => t.Equals(request.Type, StringComparison.OrdinalIgnoreCase));
        var job = await grains.GetGrain<IReplayJobGrain>(jobId).StartAsync(
            new ReplayJobRequest(type, request.PartnerId, request.MaxConcurrency ?? BulkRetryRequest.DefaultMaxConcurrency, user.Actor()));
        return TypedResults.Accepted($"/v1/replay-jobs/{jobId}", ReplayJobResponse.From(job));
    }

    /// <summary>Progress of a bulk replay: total, done, succeeded, failed.</summary>
    public static async Task<Ok<ReplayJobResponse>> GetBulkRetryAsync(string jobId, IGrainFactory grains) =>
        TypedResults.Ok(ReplayJobResponse.From(await grains.GetGrain<IReplayJobGrain>(jobId).GetAsync()
            ?? throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.JobNotFound, $"No replay job '{jobId}'.")));

    private static Task<(string Type, IReadOnlyList<ExceptionEntry> Items)[]> OpenByTypeAsync(string? type, string? partnerId, IGrainFactory grains)
    {
        var types = type is null ? ExceptionTypes.All : [ExceptionTypes.All.First(t => t.Equals(type, StringComparison.OrdinalIgnoreCase))];
        return Task.WhenAll(types.Select(async t => (Type: t, Items: await grains.GetGrain<IExceptionQueueGrain>(t).ListAsync(partnerId))));
    }

    private static IOrderGrain OrderOf(string exceptionId, IGrainFactory grains) =>
        grains.GetGrain<IOrderGrain>(ExceptionIds.OrderOf(exceptionId)
            ?? throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.ExceptionNotFound, $"Exception '{exceptionId}' does not exist."));
}
