namespace ErpSimulator.Contracts;

/// <summary>One line the warehouse is asked to pick.</summary>
public sealed record ReleaseLine(string? Sku, int Quantity);
