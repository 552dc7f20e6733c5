using System.Security.Cryptography;
using System.Text.Json;

namespace OrleansDistribution.Abstractions.Orders;

/// <summary>
/// The fingerprint an order is remembered by under its Idempotency-Key: a hash of the submission's meaning (channel
/// reference, customer, lines in order), not of its bytes, so whitespace, property order or unknown JSON fields do not
/// make a resubmission "different". Every intake (the API, the test kit) computes it here.
/// </summary>
public static class OrderFingerprint
{
    /// <summary>The fingerprint of <paramref name="submission"/>; its partner, key and fingerprint fields do not count.</summary>
    public static string Of(OrderSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        // Short property names and this exact shape are what stored orders were fingerprinted with: changing them would
        // turn every retry of an order taken before the change into a 422 conflict.
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new
        {
            c = submission.ChannelOrderRef,
            u = submission.CustomerId,
            l = submission.Lines.Select(line => new { s = line.Sku, q = line.Quantity }),
        });
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }
}
