namespace OrleansDistribution.Grains.Orders;

/// <summary>The outcome of reserving an order's lines: what was reserved, what was short or backordered, which SKUs are unknown.</summary>
internal sealed class ReservationResult
{
    /// <summary>Lines reserved (SKU, quantity).</summary>
    public List<KeyValuePair<string, int>> Reserved { get; } = [];

    /// <summary>SKUs without enough available stock.</summary>
    public List<string> Short { get; } = [];

    /// <summary>SKUs the inventory does not know.</summary>
    public List<string> Unknown { get; } = [];

    /// <summary>Units backordered per SKU (a partner that allows backorders).</summary>
    public Dictionary<string, int> Backordered { get; } = new(StringComparer.Ordinal);
}
