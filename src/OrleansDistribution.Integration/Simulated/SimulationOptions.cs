namespace OrleansDistribution.Integration.Simulated;

/// <summary>How the in-process ERP and WMS behave (configuration section "Distribution:Simulation").</summary>
public sealed class SimulationOptions
{
    /// <summary>Shortest simulated round trip.</summary>
    public int MinLatencyMs { get; set; } = 5;

    /// <summary>Longest simulated round trip.</summary>
    public int MaxLatencyMs { get; set; } = 40;

    /// <summary>Customers whose ID starts with this prefix are inactive in the simulated ERP.</summary>
    public string InactiveCustomerPrefix { get; set; } = "INACTIVE-";
}
