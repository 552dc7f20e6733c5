namespace OrleansDistribution.Integration.Http.Contract;

/// <summary>Answer to <c>GET /erp/customers/{customerId}</c>.</summary>
/// <param name="CustomerId">The customer asked about.</param>
/// <param name="Active">Nullable so a body without it is a broken answer, not an inactive customer.</param>
/// <param name="Reason">Why the customer may not order, when it may not.</param>
internal sealed record ErpCustomerResponse(string? CustomerId, bool? Active, string? Reason);
