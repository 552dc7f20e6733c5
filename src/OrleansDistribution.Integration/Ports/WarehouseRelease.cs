namespace OrleansDistribution.Integration.Ports;

/// <summary>An order released to the warehouse for picking.</summary>
public sealed record WarehouseRelease(string OrderId, string CustomerId, IReadOnlyList<WarehouseReleaseLine> Lines);
