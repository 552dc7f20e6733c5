using System.Net;

namespace ChannelTraffic;

public static class HttpClientFactory
{
    /// <summary>One client for the whole run, so connections are pooled and capped at one per worker.</summary>
    public static HttpClient Create(TrafficOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency,
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(5, options.RequestTimeout.TotalSeconds)),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),

            // A proxy from the environment would sit in the measured path; redirects would hide a wrong --url.
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };

        return new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = options.BaseUri,
            Timeout = options.RequestTimeout,
        };
    }
}
