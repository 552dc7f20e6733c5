using System.Security.Cryptography;
using System.Text;

namespace OrleansDistribution.Api.Security;

/// <summary>Issues partner keys and hashes them; only hashes are ever stored.</summary>
public static class ApiKeys
{
    /// <summary>A new random key with 256 bits of entropy.</summary>
    public static string NewKey(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256 of the key, lower-case hex. Keys are high-entropy, so a fast hash is the right tool.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The key's last four characters: enough to tell keys apart on a list, far too few to guess the rest.</summary>
    public static string Last4(string key) => key[^4..];

    /// <summary>Compares two keys in constant time.</summary>
    public static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
