using System.Security.Cryptography;

namespace OrleansDistribution.Domain.Webhooks;

/// <summary>
/// A webhook signing secret in the Standard Webhooks form: <c>whsec_</c> followed by the base64 of the key, a
/// random 32 bytes. Receivers base64-decode what follows the prefix and use it as the HMAC-SHA256 key.
/// </summary>
public static class WebhookSecret
{
    /// <summary>What every secret starts with.</summary>
    public const string Prefix = "whsec_";

    /// <summary>Length of a key in bytes (the spec asks for 24 to 64).</summary>
    public const int KeyBytes = 32;

    /// <summary>A new random key.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    /// <summary>The secret as handed to the partner.</summary>
    public static string Format(ReadOnlySpan<byte> key) => Prefix + Convert.ToBase64String(key);

    /// <summary>The key of a secret in the <c>whsec_</c> form.</summary>
    /// <exception cref="FormatException">Not such a secret.</exception>
    public static byte[] KeyOf(string secret) =>
        secret.StartsWith(Prefix, StringComparison.Ordinal)
            ? Convert.FromBase64String(secret[Prefix.Length..])
            : throw new FormatException($"A webhook secret starts with '{Prefix}'.");
}
