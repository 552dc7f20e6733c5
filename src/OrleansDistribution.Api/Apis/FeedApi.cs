using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Security;
using OrleansDistribution.Api.Streaming;
using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Api.Apis;

/// <summary>
/// The durable per-partner feed: every event a partner may see, in order, with cursors, for the configured retention.
/// A partner reads its own; the operator any partner's.
/// </summary>
public static class FeedApi
{
    /// <summary>Events per page when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Most events per page.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Maps /v1/feed.</summary>
    public static RouteGroupBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/feed").WithTags("Feed").RequireAuthorization(Policies.PartnerOrOperator);
        group.MapGet("/", ReadAsync).WithName("ReadFeed").ProducesProblem(StatusCodes.Status410Gone);
        return group;
    }

    /// <summary>
    /// Up to <c>limit</c> events after the cursor <c>after</c> (omitted: from the oldest event still retained), oldest
    /// first; <c>next</c> is the cursor to pass next time. 410 <c>cursor-expired</c> when events after the cursor were
    /// already deleted by the retention.
    /// </summary>
    public static async Task<Results<Ok<FeedResponse>, ValidationProblem, ProblemHttpResult>> ReadAsync(
        ClaimsPrincipal user,
        IPartnerFeed feed,
        IOptions<JsonOptions> json,
        [RegularExpression(FeedAccess.CursorPattern, ErrorMessage = FeedAccess.CursorMessage)] string? after,
        [Range(1, MaxLimit)] int? limit,
        [Identifier(64)] string? partnerId,
        CancellationToken cancellationToken)
    {
        var partner = FeedAccess.PartnerOf(user, partnerId, out var noPartner);
        var cursor = FeedAccess.CursorOf(after, "after", FeedCursor.Start, out var badCursor);
        if ((noPartner ?? badCursor) is { } invalid)
        {
            return invalid;
        }

        var page = await feed.ReadAsync(partner!, cursor!.Value, limit ?? DefaultLimit, cancellationToken);
        if (page.CursorExpired)
        {
            return FeedAccess.Expired(partner!, cursor.Value, page.Retention);
        }

        var options = json.Value.SerializerOptions;
        return TypedResults.Ok(new FeedResponse(
            partner!,
            [.. page.Entries.Select(entry => FeedAccess.Response(entry, options))],
            (page.Last ?? cursor.Value).ToString(),
            FeedAccess.Iso(page.Retention)));
    }
}
