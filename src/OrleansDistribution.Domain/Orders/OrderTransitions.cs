using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Domain.Orders;

/// <summary>The order state machine: which status may follow which.</summary>
public static class OrderTransitions
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.Accepted] = [OrderStatus.ErpCommitted, OrderStatus.OnHold, OrderStatus.Cancelled, OrderStatus.Rejected],
        [OrderStatus.OnHold] = [OrderStatus.Accepted, OrderStatus.ErpCommitted, OrderStatus.ReleasedToWarehouse, OrderStatus.Cancelled, OrderStatus.Rejected],
        [OrderStatus.ErpCommitted] = [OrderStatus.ReleasedToWarehouse, OrderStatus.OnHold, OrderStatus.Cancelled],
        [OrderStatus.ReleasedToWarehouse] = [OrderStatus.Shipped, OrderStatus.OnHold, OrderStatus.Cancelled],
        [OrderStatus.Shipped] = [OrderStatus.Delivered],
        [OrderStatus.Delivered] = [],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Rejected] = [],
        [OrderStatus.Backordered] = [OrderStatus.Accepted, OrderStatus.Cancelled],
    };

    /// <summary>True when an order in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    /// <summary>True when the order can still be cancelled (nothing has left the warehouse).</summary>
    public static bool CanCancel(OrderStatus status) => CanMove(status, OrderStatus.Cancelled);

    /// <summary>True when no further transition is possible.</summary>
    public static bool IsFinal(OrderStatus status) => Allowed[status].Length == 0;

    /// <summary>True when the order holds stock reservations in this status.</summary>
    public static bool HoldsReservations(OrderStatus status) =>
        status is OrderStatus.Accepted or OrderStatus.ErpCommitted or OrderStatus.ReleasedToWarehouse;
}
