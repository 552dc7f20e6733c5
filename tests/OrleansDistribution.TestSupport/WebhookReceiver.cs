using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansDistribution.TestSupport;

/// <summary>
/// A partner's webhook endpoint on 127.0.0.1 with a free port: records every request (headers, raw body) and answers
/// with whatever <see cref="Answer"/> decides for it, after <see cref="Delay"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedWebhook> _received = [];
    private readonly Lock _gate = new();

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    /// <summary>The endpoint's URL.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Decides the status of each request (200 unless set); it sees the request before it is recorded.</summary>
    public Func<ReceivedWebhook, int> Answer { get; set; } = _ => StatusCodes.Status200OK;

    /// <summary>How long to wait before answering (for attempts cut by a timeout or a kill).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The requests answered 2xx, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. Received.Where(request => request.Accepted)];

    /// <summary>Starts a receiver that takes everything.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver(LoopbackApp.Create());
        await receiver._app.StartAsync();
        receiver.Url = $"{receiver._app.BaseUrl()}/hooks/orders";
        return receiver;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return;
        }

        var headers = context.Request.Headers;
        var request = new ReceivedWebhook(headers["webhook-id"].FirstOrDefault(), headers["webhook-timestamp"].FirstOrDefault(),
            headers["webhook-signature"].FirstOrDefault(), body.ToArray(), DateTimeOffset.UtcNow, 0);
        var status = Answer(request);
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up (attempt timeout, or it was killed): it never saw an answer.
                lock (_gate)
                {
                    _received.Add(request with { Status = -1 });
                }

                return;
            }
        }

        lock (_gate)
        {
            _received.Add(request with { Status = status });
        }

        context.Response.StatusCode = status;
    }
}
