namespace OrleansDistribution.Integration.Http.Contract;

/// <summary>Answer to <c>POST /erp/orders</c>.</summary>
internal sealed record ErpCommitResponse(string? ErpOrderRef);
