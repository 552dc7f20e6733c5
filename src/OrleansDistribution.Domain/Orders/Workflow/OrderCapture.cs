using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Pricing;

namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>
/// An order as the acceptance found it: submitted, priced, and reserved (all lines), short on some SKUs (held), or
/// with units backordered per SKU (<paramref name="Backordered"/>; the rest of <paramref name="Quantities"/> is reserved).
/// </summary>
public sealed record OrderCapture(
    string OrderId,
    OrderSubmission Submission,
    PricingResult Pricing,
    IReadOnlyDictionary<string, int> Quantities,
    IReadOnlyList<string> ShortSkus,
    string CorrelationId,
    string? TraceParent,
    IReadOnlyDictionary<string, int>? Backordered = null);
