namespace ErpSimulator.Contracts;

/// <summary>One priced line of an order the ERP is asked to commit.</summary>
public sealed record CommitOrderLine(string? Sku, int Quantity, decimal UnitPrice);
