using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders.Workflow;

namespace OrleansDistribution.Grains.Orders;

/// <summary>What callers see of an order's record.</summary>
internal static class OrderSnapshots
{
    /// <summary>The order as it is now.</summary>
    public static OrderSnapshot Of(OrderRecord record) => Of(record, record.Status, record.Timeline, record.Exception);

    /// <summary>
    /// The order as the first response showed it (a replay under the same Idempotency-Key answers exactly
    /// that): the capture's status, timeline and exception, whatever happened since.
    /// </summary>
    public static OrderSnapshot FirstResponse(OrderRecord record)
    {
        var count = record.CapturedTimelineCount;
        if (count <= 0 || count > record.Timeline.Count)
        {
            return Of(record);
        }

        var timeline = record.Timeline.Take(count).ToList();
        return Of(record, timeline[^1].Status, timeline, record.CapturedException);
    }

    private static OrderSnapshot Of(OrderRecord record, OrderStatus status, IReadOnlyList<TimelineEntry> timeline, OrderException? exception) => new(
        record.OrderId,
        record.PartnerId,
        record.ChannelOrderRef,
        record.CustomerId,
        status,
        record.PriceListVersion,
        record.Currency,
        record.Total,
        record.Lines,
        timeline,
        exception,
        record.CreatedAt)
    {
        Backorders = record.Backorders,
    };
}
