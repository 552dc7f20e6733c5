using System.Buffers.Text;
using System.Globalization;
using System.Text;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// The opaque <c>cursor</c> of order searches: base64url of the last order's key (creation time in UTC ticks, order ID).
/// A position, not a snapshot: it stays valid however many orders arrive, and with any filters.
/// </summary>
public static class OrderSearchCursor
{
    /// <summary>Longest cursor accepted (a key of a 128-character order ID fits easily).</summary>
    public const int MaxLength = 256;

    private const int MaxOrderIdLength = 128;

    /// <summary>The cursor that continues after <paramref name="key"/>.</summary>
    public static string Encode(OrderSearchKey key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{key.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{key.OrderId}"));

    /// <summary>Reads a cursor this API issued; false for anything else.</summary>
    public static bool TryDecode(string? cursor, out OrderSearchKey? key)
    {
        key = null;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength || !cursor.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (Exception exception) when (exception is FormatException or DecoderFallbackException)
        {
            return false;
        }

        var separator = text.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0
            || !long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        var orderId = text[(separator + 1)..];
        if (orderId.Length is 0 or > MaxOrderIdLength || !TextRules.IsIdentifier(orderId))
        {
            return false;
        }

        key = new OrderSearchKey(new DateTimeOffset(ticks, TimeSpan.Zero), orderId);
        return true;
    }
}
