using System.ComponentModel.DataAnnotations;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Api.Security;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Streaming;
using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Api.Apis;

/// <summary>
/// Status over Server-Sent Events, framed by the framework (<c>TypedResults.ServerSentEvents</c>): a partner's durable feed,
/// resumable by cursor, or the operator's live view of everything.
/// </summary>
public static class EventsApi
{
    /// <summary>Type of the first event of every stream: the subscription is in place, later events will arrive.</summary>
    public const string SubscribedEvent = "subscribed";

    /// <summary>How often a partner's stream re-checks that its key is still valid and the partner active.</summary>
    private static readonly TimeSpan StandingCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>Events read from the feed at once; a reader further behind catches up page by page.</summary>
    private const int CatchUpPage = 200;

    /// <summary>Maps /v1/events.</summary>
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/events").WithTags("Events").RequireAuthorization(Policies.PartnerOrOperator);
        group.MapGet("/stream", StreamAsync).WithName("EventStream").ProducesProblem(StatusCodes.Status410Gone);
        return group;
    }

    /// <summary>
    /// Streams a partner's feed until the client goes away, the application stops, or (for a partner) its key is revoked
    /// or the partner suspended. Every event's SSE <c>id</c> is its feed cursor: reconnecting with <c>Last-Event-ID</c>
    /// (or <c>?after=</c>) first replays what was missed, then goes on live, with no gap and no duplicate; without
    /// either the stream starts at the feed's end. A partner streams its own feed; the operator a partner's with
    /// <c>?partnerId=</c>, or, without it, everything live (inventory changes and dependency incidents included, not
    /// resumable: those events are in no partner's feed). A <c>subscribed</c> event (its id: where the stream starts)
    /// comes first; a heartbeat comment (<c>: keep-alive</c>) follows 15 s
    /// (<c>Distribution:Events:HeartbeatInterval</c>) without events, for proxies.
    /// </summary>
    public static async Task<Results<EventStreamResult, ValidationProblem, ProblemHttpResult>> StreamAsync(
        HttpContext context,
        ClaimsPrincipal user,
        StatusEventHub hub,
        PartnerKeyCache partners,
        IPartnerFeed feed,
        IHostApplicationLifetime lifetime,
        IOptions<JsonOptions> jsonOptions,
        IOptions<EventStreamOptions> streamOptions,
        [RegularExpression(FeedAccess.CursorPattern)] string? after,
        [Identifier(64)] string? partnerId)
    {
        var serializer = jsonOptions.Value.SerializerOptions;
        var heartbeat = streamOptions.Value.HeartbeatInterval;
        var lastEventId = context.Request.Headers[LastEventIdHeader].ToString();
        var (resumeFrom, source) = lastEventId.Length > 0 ? (lastEventId, LastEventIdHeader) : (after, "after");
        if (user.IsOperator() && partnerId is null)
        {
            if (resumeFrom is not null)
            {
                FeedAccess.PartnerOf(user, partnerId, out var noPartner);
                return noPartner!;
            }

            return new EventStreamResult(AllLiveAsync(hub, serializer, heartbeat, context.RequestAborted, lifetime.ApplicationStopping));
        }

        var partner = FeedAccess.PartnerOf(user, partnerId, out _)!;
        var start = FeedAccess.CursorOf(resumeFrom, source, FeedCursor.Start, out var badCursor);
        if (badCursor is not null)
        {
            return badCursor;
        }

        var cursor = resumeFrom is null ? await feed.EndAsync(partner, context.RequestAborted) : start!.Value;
        if (resumeFrom is not null && (await feed.ReadAsync(partner, cursor, 1, context.RequestAborted)).CursorExpired)
        {
            return FeedAccess.Expired(partner, cursor, feed.Retention);
        }

        var keyHash = user.FindFirstValue(DistributionClaims.KeyHash);
        return new EventStreamResult(
            PartnerFeedAsync(partner, cursor, keyHash, hub, partners, feed, serializer, heartbeat, context.RequestAborted, lifetime.ApplicationStopping));
    }

    /// <summary>The <c>Last-Event-ID</c> request header of an SSE reconnection.</summary>
    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>
    /// A partner's feed from <paramref name="cursor"/> on: what is stored first, then each new event as it lands. Live
    /// events on the cluster stream only ring the doorbell; what is sent is always read from the feed, so an event
    /// published on another silo, or lost on the stream, still arrives, in feed order (the feed is re-read every second
    /// without a ring, too).
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>?> PartnerFeedAsync(
        string partnerId, FeedCursor cursor, string? keyHash, StatusEventHub hub, PartnerKeyCache partners, IPartnerFeed feed,
        JsonSerializerOptions serializer, TimeSpan heartbeat, CancellationToken aborted, CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken enumeration = default)
    {
        using var end = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping, enumeration);
        using var doorbell = hub.Subscribe(e => e is OrderStatusChanged order && order.PartnerId == partnerId
            || e is AvailabilityChanged availability && availability.PartnerId == partnerId);

        yield return new SseItem<string>("{}", SubscribedEvent) { EventId = cursor.ToString() };
        var quietSince = DateTimeOffset.UtcNow;
        while (true)
        {
            FeedPage page;
            try
            {
                page = await feed.ReadAsync(partnerId, cursor, CatchUpPage, end.Token);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            foreach (var entry in page.Entries)
            {
                cursor = entry.Cursor;
                yield return new SseItem<string>(FeedAccess.Json(entry.Event, serializer), entry.Event.EventType) { EventId = cursor.ToString() };
            }

            if (page.Entries.Count == CatchUpPage)
            {
                // Catching up: read on without waiting.
                continue;
            }

            if (page.Entries.Count > 0)
            {
                quietSince = DateTimeOffset.UtcNow;
            }

            var next = await NextAsync(doorbell, end.Token);
            if (next == Wake.Ended)
            {
                yield break;
            }

            while (doorbell.Events.TryRead(out _))
            {
                // One read of the feed serves every ring so far.
            }

            if (keyHash is not null && await partners.ResolveAsync(keyHash) is not { Status: PartnerStatus.Active })
            {
                // Revoked key or suspended partner: the stream ends as a new request would be refused.
                yield break;
            }

            if (next == Wake.Tick && DateTimeOffset.UtcNow - quietSince >= heartbeat)
            {
                quietSince = DateTimeOffset.UtcNow;
                yield return null;
            }
        }
    }

    /// <summary>The operator's view of everything, live (not resumable), as the cluster stream delivers it.</summary>
    private static async IAsyncEnumerable<SseItem<string>?> AllLiveAsync(
        StatusEventHub hub, JsonSerializerOptions serializer, TimeSpan heartbeat, CancellationToken aborted, CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken enumeration = default)
    {
        using var end = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping, enumeration);
        using var subscriber = hub.Subscribe(_ => true);

        yield return new SseItem<string>("{}", SubscribedEvent);
        var quietSince = DateTimeOffset.UtcNow;
        while (true)
        {
            var next = await NextAsync(subscriber, end.Token);
            if (next == Wake.Ended)
            {
                // The client left, the application stops, or the subscriber was closed: end the response cleanly.
                yield break;
            }

            var sent = false;
            while (subscriber.Events.TryRead(out var distributionEvent))
            {
                sent = true;
                yield return new SseItem<string>(FeedAccess.Json(distributionEvent, serializer), distributionEvent.EventType)
                {
                    EventId = distributionEvent.EventId,
                };
            }

            if (sent)
            {
                quietSince = DateTimeOffset.UtcNow;
            }
            else if (DateTimeOffset.UtcNow - quietSince >= heartbeat)
            {
                quietSince = DateTimeOffset.UtcNow;
                yield return null;
            }
        }
    }

    private enum Wake
    {
        Events,
        Tick,
        Ended,
    }

    /// <summary>Waits for events or the next standing check, whichever comes first.</summary>
    private static async Task<Wake> NextAsync(EventSubscriber subscriber, CancellationToken end)
    {
        using var tick = CancellationTokenSource.CreateLinkedTokenSource(end);
        tick.CancelAfter(StandingCheckInterval);
        try
        {
            return await subscriber.Events.WaitToReadAsync(tick.Token) ? Wake.Events : Wake.Ended;
        }
        catch (OperationCanceledException)
        {
            return end.IsCancellationRequested ? Wake.Ended : Wake.Tick;
        }
    }
}
