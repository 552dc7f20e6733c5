namespace OrleansDistribution.Domain.Inventory;

/// <summary>
/// Cursors into the ERP's stock snapshot, which pages SKUs in ordinal order after a cursor (exclusive). To read one SKU
/// through it, start just before it: <see cref="Before"/> is the greatest string below the SKU that no SKU of at most
/// <see cref="MaxSkuLength"/> characters lies beyond, so the SKU itself (if the ERP books it) comes first.
/// </summary>
public static class ErpCursor
{
    /// <summary>Longest SKU the hub accepts.</summary>
    public const int MaxSkuLength = 64;

    /// <summary>
    /// The cursor right before <paramref name="sku"/>: null for a SKU that starts the order (nothing lies below it), else
    /// the SKU with its last character lowered by one and padded with U+FFFF to <see cref="MaxSkuLength"/>
    /// characters. A string between the two would have to be longer than that.
    /// </summary>
    public static string? Before(string sku)
    {
        ArgumentException.ThrowIfNullOrEmpty(sku);
        if (sku.Length == 1 && sku[0] == char.MinValue)
        {
            return null;
        }

        var last = sku[^1];
        if (last == char.MinValue)
        {
            // Dropping a trailing U+0000 gives the greatest string below it.
            return sku[..^1];
        }

        var padding = Math.Max(0, MaxSkuLength - sku.Length);
        return sku[..^1] + (char)(last - 1) + new string(char.MaxValue, padding);
    }
}
