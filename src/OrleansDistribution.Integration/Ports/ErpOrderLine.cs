namespace OrleansDistribution.Integration.Ports;

/// <summary>One priced line sent to the ERP.</summary>
public sealed record ErpOrderLine(string Sku, int Quantity, decimal UnitPrice);
