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

    /// <summary>Host name or IP other silos reach this one at (Postgres mode); loopback when unset.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>How long a grain call may take before the caller gets a timeout (and the API a 503).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Silo liveness probe timeout; lower it to notice dead silos sooner (tests).</summary>
    public TimeSpan? ProbeTimeout { get; set; }
}
