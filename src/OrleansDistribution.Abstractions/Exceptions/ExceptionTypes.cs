using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>
/// Every exception queue: the causes an order is held for (<see cref="OrderExceptionTypes"/>) and those whose subject
/// is a SKU rather than an order. The names are part of the public contract.
/// </summary>
public static class ExceptionTypes
{
    /// <summary>A SKU's on-hand in the hub differs from the ERP's by more than the drift threshold (subject: the SKU).</summary>
    public const string InventoryDrift = "InventoryDrift";

    /// <summary>Types whose exceptions are about a SKU, not an order.</summary>
    public static IReadOnlyList<string> AboutSkus { get; } = [InventoryDrift];

    /// <summary>Every type, in a stable order (one exception queue grain each): the order causes first.</summary>
    public static IReadOnlyList<string> All { get; } = [.. OrderExceptionTypes.All, .. AboutSkus];
}
