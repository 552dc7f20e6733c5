using System.Globalization;
using OrleansDistribution.Abstractions.Dependencies;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Api.Ops;

/// <summary>
/// Turns the open exceptions into incidents an operator acts on once: a dependency's outage is one group however many
/// partners' orders wait on it; any other cause is one group per partner, since its fix (a price list, stock, an endpoint)
/// is usually that partner's. Every group is exactly what one bulk replay of (type, partner) retries.
/// </summary>
public static class ExceptionGroups
{
    /// <summary>Exception IDs listed per group, oldest first; <see cref="ExceptionGroupResponse.Count"/> has the total.</summary>
    public const int MaxIdsPerGroup = 1000;

    private static readonly Dictionary<string, string> DependencyOfType = new(StringComparer.Ordinal)
    {
        [OrderExceptionTypes.ErpUnavailable] = DownstreamSystem.Erp,
        [OrderExceptionTypes.WarehouseUnavailable] = DownstreamSystem.Warehouse,
    };

    private static readonly Dictionary<string, string> DependencyNames = new(StringComparer.Ordinal)
    {
        [DownstreamSystem.Erp] = "ERP",
        [DownstreamSystem.Warehouse] = "WMS",
    };

    private static readonly Dictionary<string, string> CauseTitles = new(StringComparer.Ordinal)
    {
        [OrderExceptionTypes.StockConstrained] = "Short of stock",
        [OrderExceptionTypes.ErpRejected] = "Rejected by the ERP",
        [OrderExceptionTypes.WarehouseRejected] = "Rejected by the WMS",
        [OrderExceptionTypes.PricingMismatch] = "Prices disagree with the contract",
        [OrderExceptionTypes.ShipmentOverdue] = "Shipment overdue",
        [OrderExceptionTypes.PartnerDataQuality] = "Partner data unusable downstream",
        [OrderExceptionTypes.CompensationFailed] = "Cancellation not completed downstream",
        [ExceptionTypes.InventoryDrift] = "Stock differs from the ERP",
        [ExceptionTypes.WebhookDeliveryFailed] = "Webhook deliveries failed",
    };

    /// <summary>The dependency whose outage an exception type stands for, or null for a business cause.</summary>
    public static string? DependencyOf(string type) => DependencyOfType.GetValueOrDefault(type);

    /// <summary>
    /// Groups <paramref name="open"/> (the open exceptions, already filtered by <paramref name="partnerFilter"/> when
    /// given), the largest group first.
    /// </summary>
    public static IReadOnlyList<ExceptionGroupResponse> Of(
        IEnumerable<ExceptionEntry> open, IReadOnlyList<DependencyState> dependencies, string? partnerFilter, DateTimeOffset now) =>
        [.. open
            .Select(ExceptionResponse.From)
            .GroupBy(e => (e.Type, PartnerId: DependencyOf(e.Type) is null ? e.PartnerId : null))
            .Select(g => Group(g.Key.Type, g.Key.PartnerId ?? partnerFilter, [.. g.OrderBy(e => e.RaisedAt)], dependencies, now))
            .OrderByDescending(g => g.Count).ThenBy(g => g.OldestRaisedAt).ThenBy(g => g.GroupId, StringComparer.Ordinal)];

    private static ExceptionGroupResponse Group(
        string type, string? partnerId, List<ExceptionResponse> items, IReadOnlyList<DependencyState> dependencies, DateTimeOffset now)
    {
        var dependency = DependencyOf(type);
        var outage = dependencies.FirstOrDefault(d => d.Name == dependency && d.Degraded);
        var oldest = items[0].RaisedAt;
        var subject = items[0].Subject;
        var counted = $"{items.Count} {Noun(subject, items.Count)}";
        var title = dependency is null
            ? $"{CauseTitles.GetValueOrDefault(type, type)}{(partnerId is null ? "" : $" · {partnerId}")}: {counted} since {Clock(oldest, now)}"
            : outage is not null
                ? $"{DependencyNames[dependency]} unavailable since {Clock(outage.DegradedSince!.Value, now)}, {counted}"
                : $"{DependencyNames[dependency]} was unavailable (answers again), {counted} held since {Clock(oldest, now)}";
        return new ExceptionGroupResponse(
            partnerId is null ? type : $"{type}:{partnerId}",
            type,
            dependency,
            partnerId,
            title,
            subject,
            items.Count,
            oldest,
            items[^1].RaisedAt,
            outage?.DegradedSince,
            outage?.Reason,
            [.. items.Take(MaxIdsPerGroup).Select(e => e.ExceptionId)],
            new BulkRetryRequest { Type = type, PartnerId = partnerId });
    }

    private static string Noun(string subject, int count) => (subject, count) switch
    {
        (ExceptionResponse.SkuSubject, 1) => "SKU",
        (ExceptionResponse.SkuSubject, _) => "SKUs",
        (ExceptionResponse.WebhookSubject, 1) => "event",
        (ExceptionResponse.WebhookSubject, _) => "events",
        (_, 1) => "order",
        _ => "orders",
    };

    // The hour alone reads best for today's incidents; an older one needs its date.
    private static string Clock(DateTimeOffset at, DateTimeOffset now) =>
        at.UtcDateTime.ToString(at.UtcDateTime.Date == now.UtcDateTime.Date ? "HH:mm 'UTC'" : "yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
