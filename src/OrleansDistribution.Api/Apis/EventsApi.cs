using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Api.Security;
using OrleansDistribution.Api.Streaming;

namespace OrleansDistribution.Api.Apis;

/// <summary>Live status over Server-Sent Events.</summary>
public static class EventsApi
{
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    /// <summary>Maps /v1/events.</summary>
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/events").WithTags("Events").RequireAuthorization(Policies.PartnerOrOperator);
        group.MapGet("/stream", StreamAsync).WithName("EventStream").Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return group;
    }

    /// <summary>
    /// Streams events until the client goes away: a partner sees its own orders' events, the operator sees
    /// everything including inventory changes. A comment line is sent at once (so clients know they are
    /// subscribed) and every 15 seconds (so proxies keep the connection open).
    /// </summary>
    public static async Task StreamAsync(HttpContext context, ClaimsPrincipal user, StatusEventHub hub, IOptions<JsonOptions> jsonOptions)
    {
        var partnerId = user.GetPartnerId();
        Func<DistributionEvent, bool> filter = user.IsOperator()
            ? _ => true
            : e => e is OrderStatusChanged order && order.PartnerId == partnerId;

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";

        using var subscriber = hub.Subscribe(filter);
        var aborted = context.RequestAborted;
        var serializer = jsonOptions.Value.SerializerOptions;
        try
        {
            await WriteAsync(context, ": subscribed\n\n", aborted);
            while (!aborted.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                wait.CancelAfter(KeepAliveInterval);
                bool ready;
                try
                {
                    ready = await subscriber.Events.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await WriteAsync(context, ": keep-alive\n\n", aborted);
                    continue;
                }

                if (!ready)
                {
                    return;
                }

                while (subscriber.Events.TryRead(out var distributionEvent))
                {
                    var data = JsonSerializer.Serialize(distributionEvent, distributionEvent.GetType(), serializer);
                    await WriteAsync(context, $"id: {distributionEvent.EventId}\nevent: {distributionEvent.EventType}\ndata: {data}\n\n", aborted);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
