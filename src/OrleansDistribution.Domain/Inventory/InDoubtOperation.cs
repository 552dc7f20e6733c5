using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Domain.Inventory;

/// <summary>
/// An order's last operation on a SKU that the order has not yet confirmed as recorded on its side. While it
/// is in doubt, a repeat of the same operation (a retry after a crash) is recognised and not applied twice.
/// </summary>
/// <param name="Operation">What was applied.</param>
/// <param name="Quantity">How much.</param>
/// <param name="At">When it was applied.</param>
/// <param name="Version">Bumped whenever the order repeats it, so a resolution decided on an older view is not applied.</param>
/// <param name="Channel">The partner whose share the quantity counts against; null for operations recorded before channels were kept.</param>
public sealed record InDoubtOperation(StockOperation Operation, int Quantity, DateTimeOffset At, int Version, string? Channel = null);
