using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Api.Cluster;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Security;
using OrleansDistribution.Api.Throttling;

namespace OrleansDistribution.Api.Apis;

/// <summary>Order capture (partner, idempotent), search by business key, reading with timeline, and cancellation.</summary>
public static class OrdersApi
{
    /// <summary>Header a partner must send with every submission.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Header set on a replayed first response.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Orders per search page when the request does not say.</summary>
    public const int DefaultSearchLimit = 50;

    /// <summary>Maps /v1/orders.</summary>
    public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/orders").WithTags("Orders");
        // The hot path validates in the handler with the framework's validator, without the filter (RequestValidator).
        group.MapPost("/", SubmitAsync).RequireAuthorization(Policies.Partner).WithName("SubmitOrder").DisableValidation()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", SearchAsync).RequireAuthorization(Policies.PartnerOrOperator).WithName("SearchOrders");
        group.MapGet("/{orderId:key}", GetAsync).RequireAuthorization(Policies.PartnerOrOperator).WithName("GetOrder")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{orderId:key}/cancel", CancelAsync).RequireAuthorization(Policies.PartnerOrOperator).WithName("CancelOrder")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>
    /// Accepts (or holds) an order, once per Idempotency-Key; a replay returns the first response. A partner whose daily
    /// quota is spent gets 429 quota-exhausted (replays included) until midnight UTC.
    /// </summary>
    /// <remarks>
    /// The header's attributes describe it in the OpenAPI document; with the filter off for this endpoint the handler
    /// applies their rule itself (<see cref="IdempotencyKeyAttribute.Problem"/>), next to the body's validation.
    /// </remarks>
    public static async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        SubmitOrderRequest request,
        [FromHeader(Name = IdempotencyKeyHeader), Required, IdempotencyKey] string? idempotencyKey,
        ClaimsPrincipal user,
        HttpContext context,
        IGrainFactory grains,
        RequestValidator validator,
        DailyQuotaLeases quotas,
        SiloLossRetry siloLoss)
    {
        var errors = await validator.ValidateAsync(request, context.RequestAborted);
        if (IdempotencyKeyAttribute.Problem(idempotencyKey) is { } keyProblem)
        {
            errors[IdempotencyKeyHeader] = [keyProblem];
        }

        if (errors.Count > 0 || idempotencyKey is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var partnerId = user.GetPartnerId()!;
        // A partner without a daily quota (no claim) costs one claim lookup here; one with a quota a lock and a counter,
        // and a grain call once per leased chunk (DailyQuotaLeases).
        DateOnly? quotaDay = null;
        if (user.GetDailyQuota() is { } quota)
        {
            quotaDay = await quotas.TryTakeAsync(partnerId, quota);
            if (quotaDay is null)
            {
                return quotas.Exhausted(context, partnerId, quota);
            }
        }

        var captured = request.ToSubmission(partnerId);
        var submission = captured with { IdempotencyKey = idempotencyKey, Fingerprint = OrderFingerprint.Of(captured) };
        IntakeResult result;
        try
        {
            // Idempotent by key and fingerprint, so a silo lost mid-call costs a retry, not a 503.
            var order = grains.GetGrain<IOrderGrain>(OrderIds.For(partnerId, idempotencyKey));
            result = await siloLoss.RunAsync(_ => new ValueTask<IntakeResult>(order.SubmitAsync(submission)), context.RequestAborted);
        }
        catch when (quotaDay is { } day)
        {
            // Refused or failed: no order was accepted, so it does not count.
            quotas.GiveBack(partnerId, day);
            throw;
        }

        if (result.Replayed)
        {
            context.Response.Headers[ReplayedHeader] = "true";
            if (quotaDay is { } day)
            {
                // A replay answers an order that already counted.
                quotas.GiveBack(partnerId, day);
            }
        }

        return TypedResults.Created($"/v1/orders/{result.Order.OrderId}", OrderResponse.From(result.Order));
    }

    /// <summary>
    /// Finds orders by business key, newest first: a partner sees its own orders only, the operator every partner's (or one
    /// partner's, with partnerId). Every filter given must match; pass the page's next as cursor (with the same filters) for
    /// the following page. An order is found as soon as its submission was answered.
    /// </summary>
    /// <param name="channelOrderRef">The channel's own order reference, exactly.</param>
    /// <param name="status">Orders in this status now.</param>
    /// <param name="customerId">The partner's customer, exactly.</param>
    /// <param name="createdFrom">Created at or after this time (RFC 3339 with offset).</param>
    /// <param name="createdTo">Created before this time (RFC 3339 with offset).</param>
    /// <param name="limit">Orders per page, 1 to 200 (default 50).</param>
    /// <param name="cursor">The next cursor of the previous page.</param>
    /// <param name="partnerId">Operator: one partner's orders only. A partner may leave it out or pass its own ID.</param>
    /// <param name="user">The caller.</param>
    /// <param name="grains">The cluster.</param>
    public static async Task<Results<Ok<OrderSearchResponse>, ValidationProblem>> SearchAsync(
        [Identifier(128)] string? channelOrderRef,
        [OneOf(typeof(OrderStatus))] string? status,
        [Identifier(128)] string? customerId,
        [Rfc3339] string? createdFrom,
        [Rfc3339] string? createdTo,
        [Range(1, OrderSearch.MaxLimit)] int? limit,
        [OrderCursor] string? cursor,
        [Identifier(64)] string? partnerId,
        ClaimsPrincipal user,
        IGrainFactory grains)
    {
        var from = Rfc3339Attribute.Parse(createdFrom);
        var to = Rfc3339Attribute.Parse(createdTo);
        if (from > to)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [nameof(createdTo)] = ["Must not be before createdFrom."] });
        }

        OrderSearchCursor.TryDecode(cursor, out var after);
        var search = new OrderSearch
        {
            PartnerId = SearchedPartner(user, partnerId),
            ChannelOrderRef = channelOrderRef,
            CustomerId = customerId,
            Status = status is null ? null : OneOfAttribute.Parse<OrderStatus>(status),
            CreatedFrom = from,
            CreatedTo = to,
            After = after,
            Limit = limit ?? DefaultSearchLimit,
        };
        var page = await grains.GetGrain<IOrderSearchGrain>(0).SearchAsync(search);
        return TypedResults.Ok(new OrderSearchResponse(
            [.. page.Orders.Select(OrderSummaryResponse.From)],
            page.Next is { } next ? OrderSearchCursor.Encode(next) : null));
    }

    /// <summary>Returns an order with its timeline; another partner's order does not exist for the caller.</summary>
    public static async Task<Ok<OrderResponse>> GetAsync(string orderId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var order = await FindVisibleAsync(orderId, user, grains);
        return TypedResults.Ok(OrderResponse.From(order));
    }

    /// <summary>
    /// Cancels an order: 200 once cancelled (reservations released, ERP/WMS compensated); 202 when a
    /// compensation failed and the cancellation waits on an operator (order OnHold, CompensationFailed);
    /// 409 after shipping.
    /// </summary>
    public static async Task<Results<Ok<OrderResponse>, Accepted<OrderResponse>>> CancelAsync(string orderId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await FindVisibleAsync(orderId, user, grains);
        var order = await grains.GetGrain<IOrderGrain>(orderId).CancelAsync($"requested by {user.Actor()}");
        return order.Status == OrderStatus.Cancelled
            ? TypedResults.Ok(OrderResponse.From(order))
            : TypedResults.Accepted($"/v1/orders/{orderId}", OrderResponse.From(order));
    }

    /// <summary>
    /// Whose orders a search covers: a partner's own, always (taken from its key, never from the query; naming another
    /// partner is a 403 rather than a silent switch to its own), the operator's choice or every partner's.
    /// </summary>
    private static string? SearchedPartner(ClaimsPrincipal user, string? partnerId)
    {
        if (user.IsOperator())
        {
            return partnerId;
        }

        var own = user.GetPartnerId()!;
        if (partnerId is not null && !string.Equals(partnerId, own, StringComparison.Ordinal))
        {
            throw new RuleViolationException(RuleViolationKind.Forbidden, RuleCodes.Forbidden,
                $"A partner searches its own orders only; leave out partnerId or pass your own ('{own}').");
        }

        return own;
    }

    private static async Task<OrderSnapshot> FindVisibleAsync(string orderId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var order = await grains.GetGrain<IOrderGrain>(orderId).GetAsync();
        if (order is null || (!user.IsOperator() && order.PartnerId != user.GetPartnerId()))
        {
            throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.OrderNotFound, $"Order '{orderId}' does not exist.");
        }

        return order;
    }
}
