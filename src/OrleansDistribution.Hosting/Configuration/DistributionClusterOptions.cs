namespace OrleansDistribution.Hosting.Configuration;

/// <summary>Cluster identity and this silo's ports ("Distribution:Cluster").</summary>
public sealed class DistributionClusterOptions
{
    /// <summary>Silos with the same cluster ID form one cluster.</summary>
    public string ClusterId { get; set; } = "distribution";

    /// <summary>Stable across deployments: grain state and reminders are keyed by it.</summary>
    public string ServiceId { get; set; } = "orleans-distribution";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;
}
