using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Pricing;

namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>An order as the acceptance found it: submitted, priced, and reserved (all lines) or short on some SKUs.</summary>
public sealed record OrderCapture(
    string OrderId,
    OrderSubmission Submission,
    PricingResult Pricing,
    IReadOnlyDictionary<string, int> Quantities,
    IReadOnlyList<string> ShortSkus,
    string CorrelationId,
    string? TraceParent);
