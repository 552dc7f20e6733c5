namespace OrleansDistribution.Integration.Ports;

/// <summary>One line to pick.</summary>
public sealed record WarehouseReleaseLine(string Sku, int Quantity);
