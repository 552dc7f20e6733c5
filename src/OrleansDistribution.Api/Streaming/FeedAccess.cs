using System.Security.Claims;
using System.Text.Json;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Errors;
using OrleansDistribution.Api.Security;
using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Api.Streaming;

/// <summary>
/// The rules of reading a partner's feed, shared by <c>GET /v1/feed</c> and the resumable SSE stream: whose feed a
/// caller may read, what a cursor looks like, and the 410 problem when a cursor is older than the retention.
/// </summary>
public static class FeedAccess
{
    /// <summary>Problem code of a cursor whose events the retention sweep deleted.</summary>
    public const string CursorExpiredCode = "cursor-expired";

    /// <summary>What a cursor parameter must look like (a decimal number that fits the feed's positions).</summary>
    public const string CursorPattern = "^[0-9]{1,38}$";

    /// <summary>What a caller is told about a cursor that does not match <see cref="CursorPattern"/>.</summary>
    public const string CursorMessage = "A feed cursor is the decimal number of an event's cursor (its SSE id), at most 38 digits.";

    /// <summary>
    /// The feed the caller reads: a partner its own (a <paramref name="requested"/> other than its own is "not found",
    /// so partner IDs cannot be probed); the operator the one it names. Null (with the problem) when the operator named none.
    /// </summary>
    public static string? PartnerOf(ClaimsPrincipal user, string? requested, out ValidationProblem? problem)
    {
        problem = null;
        if (!user.IsOperator())
        {
            var own = user.GetPartnerId()!;
            return requested is null || requested == own
                ? own
                : throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.PartnerNotFound, $"Partner '{requested}' does not exist.");
        }

        if (requested is null)
        {
            problem = Invalid("partnerId", "The operator reads one partner's feed at a time: name it with ?partnerId=.");
        }

        return requested;
    }

    /// <summary>
    /// The cursor to read after: the given one, or <paramref name="otherwise"/> when none is given. Null (with the
    /// problem) for text that is no cursor.
    /// </summary>
    public static FeedCursor? CursorOf(string? after, string source, FeedCursor otherwise, out ValidationProblem? problem)
    {
        problem = null;
        if (after is null)
        {
            return otherwise;
        }

        if (FeedCursor.TryParse(after, out var cursor) && after.Length <= 38)
        {
            return cursor;
        }

        problem = Invalid(source, $"{CursorMessage} Got '{Shorten(after)}'.");
        return null;
    }

    private static ValidationProblem Invalid(string key, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [key] = [message] });

    /// <summary>The 410 problem of an expired cursor, stating the retention.</summary>
    public static ProblemHttpResult Expired(string partnerId, FeedCursor after, TimeSpan retention) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status410Gone,
            type: ProblemTypes.For(CursorExpiredCode),
            title: "Feed cursor expired",
            detail: $"Events of partner '{partnerId}' after cursor {after} are past the feed's retention ({Iso(retention)}) and were deleted. "
                + "Read the feed from its oldest retained event (omit 'after'), and reconcile older changes by reading the orders.",
            extensions: new Dictionary<string, object?> { ["retention"] = Iso(retention), ["cursor"] = after.ToString() });

    /// <summary>An event of the feed as the API shows it.</summary>
    public static FeedEventResponse Response(FeedEntry entry, JsonSerializerOptions json) =>
        new(entry.Cursor.ToString(), entry.Event.EventType, entry.Event.SchemaVersion, JsonSerializer.SerializeToElement(entry.Event, entry.Event.GetType(), json));

    /// <summary>The event's JSON, as the SSE stream's data.</summary>
    public static string Json(DistributionEvent distributionEvent, JsonSerializerOptions json) =>
        JsonSerializer.Serialize(distributionEvent, distributionEvent.GetType(), json);

    /// <summary>A time span as an ISO 8601 duration (P7D, PT12H).</summary>
    public static string Iso(TimeSpan span) => XmlConvert.ToString(span);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
