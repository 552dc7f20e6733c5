namespace OrderSearchBench;

/// <summary>
/// The orders the benchmark puts in the index, a pure function of their number, so lookups can name existing ones
/// without reading them back: order i belongs to partner i mod P, has reference PO-i and was created i seconds after
/// <see cref="Epoch"/>.
/// </summary>
internal static class SyntheticOrders
{
    /// <summary>Creation time of order 0.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Statuses = ["Delivered", "Shipped", "ReleasedToWarehouse", "OnHold", "Cancelled"];

    /// <summary>The order ID of order <paramref name="i"/>.</summary>
    public static string OrderId(int i) => $"ord_{i:x32}";

    /// <summary>Its partner.</summary>
    public static string PartnerId(int i, int partners) => $"partner-{i % partners}";

    /// <summary>Its channel reference.</summary>
    public static string ChannelOrderRef(int i) => $"PO-{i}";

    /// <summary>Its customer (10,000 per service).</summary>
    public static string CustomerId(int i) => $"C-{i % 10_000}";

    /// <summary>Its status: mostly finished orders, a few on hold.</summary>
    public static string Status(int i) => i % 100 == 0 ? "OnHold" : Statuses[i % 3];

    /// <summary>Its creation time.</summary>
    public static DateTime CreatedAt(int i) => (Epoch + TimeSpan.FromSeconds(i)).UtcDateTime;
}
