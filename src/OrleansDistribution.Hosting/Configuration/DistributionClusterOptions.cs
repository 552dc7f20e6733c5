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

    /// <summary>
    /// Silo liveness probe timeout (Orleans' <c>ClusterMembershipOptions.ProbeTimeout</c>). One second, not Orleans'
    /// default: until a dead silo is declared dead, new grains whose directory partition or placement it held cannot
    /// activate, so intake stalls for the whole detection window (6–13 s with the default, measured with
    /// <c>samples/Throughput --failover</c>; about 1.5 s with this). The price: a silo that cannot answer probes for
    /// about three seconds (a long GC pause, CPU starvation) is voted dead and restarts. Raise it (e.g. to 00:00:05) where
    /// pauses that long are normal.
    /// </summary>
    public TimeSpan? ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Declare a silo dead as soon as its silo port refuses connections after a connection to it closed
    /// (<c>Cluster/RefusedSiloDetector.cs</c>): a killed silo process is out of the cluster a few milliseconds after its
    /// connections drop, instead of after Orleans' missed probes and votes (1.5–2.2 s with the 1 s probe timeout). A
    /// silo that does not answer at all (a partition, a paused host) still goes through the probes. One silo's check
    /// declares the other dead without a second vote, so turn it off where something other than a stopped silo can
    /// refuse connections to a live silo's port (a firewall that rejects with a TCP reset between silos).
    /// </summary>
    public bool DeclareRefusingSilosDead { get; set; } = true;
}
