using System.Net;
using System.Net.Sockets;

namespace OrleansDistribution.Integration.Webhooks;

/// <summary>
/// Which URLs webhooks may be delivered to: absolute http(s) without credentials, and, unless
/// <see cref="WebhookOptions.AllowPrivateNetworks"/> is set (local tests and demos), none on a loopback, private,
/// link-local or otherwise non-public address, so a partner cannot make the cluster call into the distributor's own
/// network. A host name is checked again on every connection, against what it resolves to then
/// (<see cref="PublicNetworkGuard"/>), since DNS can point a public name at a private address.
/// </summary>
public static class WebhookUrls
{
    /// <summary>Longest URL accepted.</summary>
    public const int MaxLength = 2048;

    /// <summary>Why <paramref name="url"/> may not receive webhooks, or null when it may.</summary>
    public static string? Problem(string url, bool allowPrivateNetworks)
    {
        if (url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"Must be an absolute http or https URL of at most {MaxLength} characters.";
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"Only http and https URLs can receive webhooks, not '{uri.Scheme}'.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Credentials in the URL are not accepted; receivers verify the webhook-signature header instead.";
        }

        if (allowPrivateNetworks)
        {
            return null;
        }

        if (IsLocalName(uri.DnsSafeHost))
        {
            return $"'{uri.Host}' is this machine: loopback and private addresses cannot receive webhooks.";
        }

        return IPAddress.TryParse(uri.DnsSafeHost, out var address) && !IsPublic(address)
            ? $"{uri.Host} is not a public address: loopback and private addresses cannot receive webhooks."
            : null;
    }

    /// <summary>True for "localhost" and names under ".localhost" (RFC 6761), which always mean this machine.</summary>
    public static bool IsLocalName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// False for loopback, unspecified, private (RFC 1918, IPv6 unique-local and site-local), shared (100.64/10),
    /// link-local (which holds cloud metadata services, 169.254.169.254), benchmarking, multicast and reserved addresses.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                     || (b[0] == 100 && b[1] is >= 64 and < 128)
                     || (b[0] == 169 && b[1] == 254)
                     || (b[0] == 172 && b[1] is >= 16 and < 32)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                     || (b[0] == 198 && b[1] is 18 or 19));
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
               && !(IPAddress.IsLoopback(address)
                    || address.Equals(IPAddress.IPv6Any)
                    || address.IsIPv6LinkLocal
                    || address.IsIPv6SiteLocal
                    || address.IsIPv6UniqueLocal
                    || address.IsIPv6Multicast);
    }
}
