using System.Security.Cryptography;
using System.Text;

namespace OrleansDistribution.Abstractions.Orders;

/// <summary>
/// Order IDs under an Idempotency-Key are a function of (partner, key, generation): every retry of a
/// submission reaches the same order grain without an index to look up or to write first, so one grain and
/// one write capture an order exactly once. The generation moves on only after the key's retention expired.
/// </summary>
public static class OrderIds
{
    /// <summary>The ID of the order a partner submits under <paramref name="idempotencyKey"/>.</summary>
    public static string For(string partnerId, string idempotencyKey, int generation = 0)
    {
        var text = $"{partnerId}\n{idempotencyKey}\n{generation}";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return $"ord_{Convert.ToHexStringLower(hash[..16])}";
    }
}
