using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OrleansDistribution.Grains.Feed;

/// <summary>
/// A position in a partner's feed: an unsigned decimal number, larger for every later event of the same partner.
/// Clients treat it as an opaque string (it is what the SSE <c>id</c> and the feed's <c>cursor</c> carry); the store
/// that assigned it knows how it is made (PostgreSQL packs a transaction id and a row id into it).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("FeedCursor")]
public readonly record struct FeedCursor([property: Id(0)] UInt128 Value) : IComparable<FeedCursor>
{
    /// <summary>Before the first event of any feed.</summary>
    public static readonly FeedCursor Start = new(UInt128.Zero);

    /// <summary>Parses a cursor a client sent; false for anything that is not a plain unsigned decimal number.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out FeedCursor cursor)
    {
        cursor = Start;
        if (string.IsNullOrEmpty(text) || text.Length > 39 || !text.All(char.IsAsciiDigit)
            || !UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        cursor = new FeedCursor(value);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(FeedCursor other) => Value.CompareTo(other.Value);

    /// <summary>True when <paramref name="left"/> comes after <paramref name="right"/>.</summary>
    public static bool operator >(FeedCursor left, FeedCursor right) => left.Value > right.Value;

    /// <summary>True when <paramref name="left"/> comes before <paramref name="right"/>.</summary>
    public static bool operator <(FeedCursor left, FeedCursor right) => left.Value < right.Value;

    /// <summary>True when <paramref name="left"/> is <paramref name="right"/> or after it.</summary>
    public static bool operator >=(FeedCursor left, FeedCursor right) => left.Value >= right.Value;

    /// <summary>True when <paramref name="left"/> is <paramref name="right"/> or before it.</summary>
    public static bool operator <=(FeedCursor left, FeedCursor right) => left.Value <= right.Value;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
