using System.Security.Cryptography;
using System.Text;

namespace OrleansDistribution.Integration.Webhooks;

/// <summary>
/// The Standard Webhooks signature: HMAC-SHA256, keyed with the secret's key, over <c>{webhook-id}.{webhook-timestamp}.{body}</c>,
/// sent base64-encoded as <c>v1,{signature}</c> in <c>webhook-signature</c>. Receivers recompute it from the raw body and
/// the two headers, compare in constant time and refuse timestamps far from their clock.
/// </summary>
public static class WebhookSignature
{
    /// <summary>Header with the message ID (the event's ID), the same on every attempt.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>Header with the attempt's time, in seconds since the Unix epoch.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>Header with the signature(s), space-separated, each <c>v1,{base64}</c>.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The <c>webhook-signature</c> value of a message.</summary>
    public static string Sign(byte[] key, string messageId, string timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
