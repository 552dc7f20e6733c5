using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>How the order index stores a status: its contract name (readable in the database, stable across versions).</summary>
internal static class OrderIndexStatus
{
    /// <summary>The stored name of <paramref name="status"/>.</summary>
    public static string Name(OrderStatus status) =>
        Enum.GetName(status) ?? throw new ArgumentOutOfRangeException(nameof(status), status, "Not an order status.");

    /// <summary>The status a stored name names.</summary>
    public static OrderStatus Parse(string name) => Enum.Parse<OrderStatus>(name);
}
