using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// A priced order line: <c>allocated</c> units are promised to the order (reserved, or shipped), <c>backordered</c>
/// ones wait for stock (a backordered order; filled by the inventory as stock arrives).
/// </summary>
public sealed record OrderLineResponse(string Sku, int Quantity, decimal UnitPrice, int Allocated, int Backordered)
{
    /// <summary>The lines of an order; a SKU's waiting units count against its last lines first.</summary>
    public static IReadOnlyList<OrderLineResponse> Of(OrderSnapshot order)
    {
        var holds = order.Status is not (OrderStatus.OnHold or OrderStatus.Cancelled or OrderStatus.Rejected)
            || (order.Status == OrderStatus.OnHold && order.Exception?.Type != OrderExceptionTypes.StockConstrained);
        var lines = new OrderLineResponse[order.Lines.Count];
        Dictionary<string, int>? waiting = order.Backorders.Count == 0 ? null : new(order.Backorders, StringComparer.Ordinal);
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = order.Lines[i];
            var backordered = 0;
            if (waiting is not null && waiting.TryGetValue(line.Sku, out var left) && left > 0)
            {
                backordered = Math.Min(left, line.Quantity);
                waiting[line.Sku] = left - backordered;
            }

            lines[i] = new OrderLineResponse(line.Sku, line.Quantity, line.UnitPrice, holds ? line.Quantity - backordered : 0, backordered);
        }

        return lines;
    }
}
