using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Simulated;

/// <summary>
/// The simulated ERP's stock book: on-hand per SKU as the ERP books it, read in pages the way
/// <see cref="IErpPort.GetStockSnapshotAsync"/> and <c>GET /erp/stock</c> read it. Shared by the in-process
/// simulation and samples/ErpSimulator (one instance each), so both page and number changes identically.
/// </summary>
/// <param name="timeProvider">Stamps each position's <see cref="ErpStockPosition.AsOf"/>.</param>
public sealed class SimulatedErpStock(TimeProvider timeProvider)
{
    /// <summary>Most positions one page may ask for; a larger (or non-positive) limit is refused as the contract says.</summary>
    public const int MaxPageSize = 1_000;

    private readonly Lock _lock = new();
    private readonly SortedList<string, ErpStockPosition> _positions = new(StringComparer.Ordinal);

    /// <summary>Books <paramref name="onHand"/> for <paramref name="sku"/>: every booking is a change, so its sequence grows by one.</summary>
    /// <returns>The SKU's position now.</returns>
    /// <exception cref="ArgumentException"><paramref name="sku"/> is blank or <paramref name="onHand"/> is negative.</exception>
    public ErpStockPosition Set(string sku, int onHand)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        lock (_lock)
        {
            var sequence = _positions.TryGetValue(sku, out var previous) ? previous.ErpSequence + 1 : 1;
            return _positions[sku] = new ErpStockPosition(sku, onHand, sequence, timeProvider.GetUtcNow());
        }
    }

    /// <summary>The SKU's position, or null when the ERP has never booked it.</summary>
    public ErpStockPosition? Of(string sku)
    {
        lock (_lock)
        {
            return _positions.GetValueOrDefault(sku);
        }
    }

    /// <summary>True when <paramref name="limit"/> is a page size the ERP accepts (1 to <see cref="MaxPageSize"/>).</summary>
    public static bool IsValidLimit(int limit) => limit is >= 1 and <= MaxPageSize;

    /// <summary>
    /// Up to <paramref name="limit"/> positions in ordinal SKU order, starting after the SKU <paramref name="after"/>
    /// (null: from the first); <see cref="ErpStockPage.Next"/> is the page's last SKU while more follow, else null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1 to <see cref="MaxPageSize"/>.</exception>
    public ErpStockPage Page(string? after, int limit)
    {
        if (!IsValidLimit(limit))
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Must be between 1 and {MaxPageSize}.");
        }

        lock (_lock)
        {
            var first = after is null ? 0 : FirstAfter(after);
            var count = Math.Min(limit, _positions.Count - first);
            var page = new ErpStockPosition[count];
            for (var i = 0; i < count; i++)
            {
                page[i] = _positions.GetValueAtIndex(first + i);
            }

            return new ErpStockPage(page, first + count < _positions.Count ? page[^1].Sku : null);
        }
    }

    /// <summary>Index of the first SKU ordinally greater than <paramref name="after"/> (the count when none is).</summary>
    private int FirstAfter(string after)
    {
        var keys = _positions.Keys;
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(keys[middle], after) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
