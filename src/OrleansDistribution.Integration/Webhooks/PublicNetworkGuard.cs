using System.Net;
using System.Net.Sockets;

namespace OrleansDistribution.Integration.Webhooks;

/// <summary>
/// The webhook client's connect step: resolves the host and connects only to its public addresses
/// (<see cref="WebhookUrls.IsPublic"/>), so a name that resolves to a private one (DNS rebinding, an internal name) is
/// refused at the moment of connecting, not just at registration. Redirects are not followed by the client at all.
/// </summary>
internal static class PublicNetworkGuard
{
    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that refuses non-public addresses.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(WebhookUrls.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                $"{host} resolves only to non-public addresses ({string.Join(", ", addresses.Select(address => address.ToString()))}); " +
                "webhooks are not delivered there unless Distribution:Webhooks:AllowPrivateNetworks is true.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
