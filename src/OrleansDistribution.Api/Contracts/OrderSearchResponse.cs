namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// GET /v1/orders: one page of matching orders, newest first, and the cursor of the next page (null on the last one).
/// Pass <see cref="Next"/> as <c>cursor</c> with the same filters to continue.
/// </summary>
public sealed record OrderSearchResponse(IReadOnlyList<OrderSummaryResponse> Orders, string? Next);
