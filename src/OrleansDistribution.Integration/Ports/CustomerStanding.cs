namespace OrleansDistribution.Integration.Ports;

/// <summary>Whether the ERP lets a customer order, and why not.</summary>
public sealed record CustomerStanding(bool IsActive, string? Reason);
