namespace OrleansDistribution.Integration.Http.Contract;

/// <summary>Body of <c>POST /erp/orders</c> (docs/integration-contract.md); kept apart from the port's record so the wire format changes only on purpose.</summary>
internal sealed record ErpCommitRequest(
    string OrderId,
    string PartnerId,
    string CustomerId,
    string ChannelOrderRef,
    string PriceListVersion,
    string Currency,
    decimal Total,
    IReadOnlyList<ErpCommitLine> Lines);
