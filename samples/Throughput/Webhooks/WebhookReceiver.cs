using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Throughput.Webhooks;

/// <summary>
/// The endpoint of <c>--webhook</c>: accepts every delivery at once (204) and counts them, by <c>webhook-id</c> too,
/// so the report says how much was delivered while the load ran. It checks no signature (the tests do): its job is to
/// be a fast, healthy receiver, so that what is measured is the API's cost of delivering, not a slow endpoint's.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _deliveries;

    private WebhookReceiver(int port)
    {
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>Where the webhook is registered.</summary>
    public Uri Url { get; }

    /// <summary>Deliveries received (redeliveries included).</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>Distinct <c>webhook-id</c>s received.</summary>
    public int DistinctEvents => _ids.Count;

    /// <summary>Starts listening on a free loopback port.</summary>
    public static WebhookReceiver Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new WebhookReceiver(port);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped while waiting for a request.
        }

        _listener.Close();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        using (context.Request.InputStream)
        {
            context.Request.InputStream.CopyTo(Stream.Null);
        }

        Interlocked.Increment(ref _deliveries);
        if (context.Request.Headers["webhook-id"] is { Length: > 0 } id)
        {
            _ids.TryAdd(id, 0);
        }

        context.Response.StatusCode = (int)HttpStatusCode.NoContent;
        context.Response.Close();
    }
}
