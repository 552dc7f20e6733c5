namespace OrleansDistribution.Integration.Ports;

/// <summary>An accepted order as the ERP receives it.</summary>
public sealed record ErpOrder(
    string OrderId,
    string PartnerId,
    string CustomerId,
    string ChannelOrderRef,
    string PriceListVersion,
    string Currency,
    decimal Total,
    IReadOnlyList<ErpOrderLine> Lines);
