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
using OrleansDistribution.Api.Streaming;

namespace OrleansDistribution.Api.Apis;

/// <summary>Live status over Server-Sent Events, framed by the framework (<c>TypedResults.ServerSentEvents</c>).</summary>
public static class EventsApi
{
    /// <summary>Type of the first event of every stream: the subscription is in place, later events will arrive.</summary>
    public const string SubscribedEvent = "subscribed";

    /// <summary>Type of the event sent when nothing happened for a while, so proxies keep the connection open.</summary>
    public const string KeepAliveEvent = "keep-alive";

    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    /// <summary>How often a partner's stream re-checks that its key is still valid and the partner active.</summary>
    private static readonly TimeSpan StandingCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>Maps /v1/events.</summary>
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/events").WithTags("Events").RequireAuthorization(Policies.PartnerOrOperator);
        group.MapGet("/stream", Stream).WithName("EventStream");
        return group;
    }

    /// <summary>
    /// Streams events until the client goes away, the application stops, or (for a partner) its key is revoked or
    /// the partner suspended: a partner sees its own orders' events, the operator everything including inventory
    /// changes. A <c>subscribed</c> event comes first, a <c>keep-alive</c> event after 15 s without others.
    /// </summary>
    public static ServerSentEventsResult<string> Stream(
        HttpContext context, ClaimsPrincipal user, StatusEventHub hub, PartnerKeyCache partners, IHostApplicationLifetime lifetime, IOptions<JsonOptions> jsonOptions)
    {
        context.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(
            EventsAsync(user, hub, partners, jsonOptions.Value.SerializerOptions, context.RequestAborted, lifetime.ApplicationStopping));
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        ClaimsPrincipal user, StatusEventHub hub, PartnerKeyCache partners, JsonSerializerOptions serializer,
        CancellationToken aborted, CancellationToken stopping, [EnumeratorCancellation] CancellationToken enumeration = default)
    {
        using var end = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping, enumeration);
        var partnerId = user.GetPartnerId();
        var keyHash = user.FindFirstValue(DistributionClaims.KeyHash);
        Func<DistributionEvent, bool> filter = user.IsOperator()
            ? _ => true
            : e => e is OrderStatusChanged order && order.PartnerId == partnerId
                || e is AvailabilityChanged availability && availability.PartnerId == partnerId;
        using var subscriber = hub.Subscribe(filter);

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

            if (keyHash is not null && await partners.ResolveAsync(keyHash) is not { Status: PartnerStatus.Active })
            {
                // Revoked key or suspended partner: the stream ends as a new request would be refused.
                yield break;
            }

            var sent = false;
            while (subscriber.Events.TryRead(out var distributionEvent))
            {
                sent = true;
                yield return new SseItem<string>(JsonSerializer.Serialize(distributionEvent, distributionEvent.GetType(), serializer), distributionEvent.EventType)
                {
                    EventId = distributionEvent.EventId,
                };
            }

            if (sent)
            {
                quietSince = DateTimeOffset.UtcNow;
            }
            else if (DateTimeOffset.UtcNow - quietSince >= KeepAliveInterval)
            {
                quietSince = DateTimeOffset.UtcNow;
                yield return new SseItem<string>("{}", KeepAliveEvent);
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
