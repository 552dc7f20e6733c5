using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansDistribution.TestSupport;

/// <summary>
/// A receiver's check of a webhook, written from the Standard Webhooks specification alone (it shares no code with
/// the sender): the secret is the base64 after <c>whsec_</c>; the signed content is the <c>webhook-id</c>, the
/// <c>webhook-timestamp</c> and the raw body joined by full stops; the signature is HMAC-SHA256 over it, base64, and
/// <c>webhook-signature</c> holds space-separated <c>v1,{signature}</c> entries of which one must match (compared in
/// constant time); a timestamp further than the tolerance from the receiver's clock is refused (replay protection).
/// </summary>
public static class StandardWebhooksVerifier
{
    /// <summary>The tolerance the specification suggests.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>True when the message is authentic and fresh.</summary>
    public static bool Verify(string secret, string messageId, string timestamp, byte[] rawBody, string signatureHeader, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > (tolerance ?? DefaultTolerance).TotalSeconds)
        {
            return false;
        }

        const string prefix = "whsec_";
        byte[] key;
        try
        {
            key = Convert.FromBase64String(secret.StartsWith(prefix, StringComparison.Ordinal) ? secret[prefix.Length..] : secret);
        }
        catch (FormatException)
        {
            return false;
        }

        var content = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.").Concat(rawBody).ToArray();
        var expected = HMACSHA256.HashData(key, content);
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0 || entry[..comma] != "v1")
            {
                continue;
            }

            try
            {
                if (CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(entry[(comma + 1)..]), expected))
                {
                    return true;
                }
            }
            catch (FormatException)
            {
                // Not base64: not a signature of ours; the others may still match.
            }
        }

        return false;
    }
}
