using System.Net;

namespace Throughput.Api;

/// <summary>One SocketsHttpHandler-based client per purpose: setup and checks, or the open loop's many connections.</summary>
internal static class HttpClients
{
    /// <summary>A client for <paramref name="baseUri"/> opening at most <paramref name="maxConnections"/> connections.</summary>
    public static HttpClient Create(Uri baseUri, int maxConnections, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        return new HttpClient(handler) { BaseAddress = baseUri, Timeout = timeout };
    }
}
