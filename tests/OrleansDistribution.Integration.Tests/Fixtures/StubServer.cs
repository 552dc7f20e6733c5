using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Integration.Tests.Fixtures;

/// <summary>
/// A real ERP/WMS stand-in on 127.0.0.1 with a free port: answers each request with the next scripted
/// behaviour (then the fallback) and logs every request it receives, before answering.
/// </summary>
public sealed class StubServer : IAsyncDisposable
{
    private const string WarmUpPath = "/_stub/warm-up";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private volatile Func<HttpContext, Task> _fallback = Respond.Status(StatusCodes.Status500InternalServerError);

    private StubServer(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    /// <summary>"http://127.0.0.1:port".</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts a stub that answers 500 until scripted otherwise.</summary>
    public static async Task<StubServer> StartAsync()
    {
        var stub = new StubServer(LoopbackApp.Create());
        await stub._app.StartAsync();
        stub.BaseUrl = stub._app.BaseUrl();

        // The first request through Kestrel and SocketsHttpHandler in a process pays for JIT, which can
        // outlast a test's short attempt timeout; pay it here, unrecorded, before any test's clock starts.
        using var warmUp = new HttpClient();
        using var _ = await warmUp.GetAsync(new Uri($"{stub.BaseUrl}{WarmUpPath}"));
        return stub;
    }

    /// <summary>Answers the next requests with these behaviours, one each, in order.</summary>
    public StubServer Then(params Func<HttpContext, Task>[] behaviours)
    {
        foreach (var behaviour in behaviours)
        {
            _script.Enqueue(behaviour);
        }

        return this;
    }

    /// <summary>Answers every request past the script with <paramref name="behaviour"/>.</summary>
    public StubServer Otherwise(Func<HttpContext, Task> behaviour)
    {
        _fallback = behaviour;
        return this;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == WarmUpPath)
        {
            return;
        }

        string body;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The client gave up mid-body (an attempt timeout); the attempt still reached us and counts.
            body = "";
        }

        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.PathBase + context.Request.Path,
            context.Request.QueryString.Value ?? "",
            headers,
            body,
            Stopwatch.GetTimestamp()));

        var behaviour = _script.TryDequeue(out var next) ? next : _fallback;
        await behaviour(context);
    }
}
