using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using System.Reflection;

namespace OrleansDistribution.Api.Streaming;

/// <summary>
/// A <c>text/event-stream</c> response whose items are SSE events or heartbeat comments (a <c>null</c> item). Events are
/// framed by the framework's <see cref="SseFormatter"/>; ours only because neither it nor
/// <c>TypedResults.ServerSentEvents</c> can write a comment line (<c>: keep-alive</c>), which is what keeps idle
/// proxies from closing the connection without showing clients an event of their own.
/// </summary>
public sealed class EventStreamResult(IAsyncEnumerable<SseItem<string>?> items) : IResult, IEndpointMetadataProvider
{
    /// <summary>The heartbeat comment.</summary>
    public const string Heartbeat = ": keep-alive\n\n";

    private static readonly byte[] HeartbeatBytes = Encoding.UTF8.GetBytes(Heartbeat);

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentEncoding = "identity";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        var body = response.Body;
        var aborted = httpContext.RequestAborted;
        try
        {
            await foreach (var item in items.WithCancellation(aborted))
            {
                if (item is { } sse)
                {
                    await SseFormatter.WriteAsync(One(sse), body, aborted);
                }
                else
                {
                    await body.WriteAsync(HeartbeatBytes, aborted);
                }

                await body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/event-stream"]));

    private static async IAsyncEnumerable<SseItem<string>> One(SseItem<string> item, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield return item;
    }
}
