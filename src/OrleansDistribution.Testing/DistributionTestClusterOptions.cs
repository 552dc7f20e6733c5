using Orleans.Hosting;

namespace OrleansDistribution.Testing;

/// <summary>How <see cref="DistributionTestCluster.StartAsync"/> builds a test cluster.</summary>
public sealed class DistributionTestClusterOptions
{
    /// <summary>Silos in the cluster (1 by default; 2 or more to test grains that move between silos).</summary>
    public int Silos { get; set; } = 1;

    /// <summary>
    /// Grain state in PostgreSQL at this Npgsql connection string instead of memory; the kit applies the migrations
    /// first. Give every cluster a database of its own.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Grain state in the embedded SQLite store in this directory instead of memory (migrated on start).</summary>
    public string? SqliteDirectory { get; set; }

    /// <summary>
    /// Configuration on top of <see cref="TestClusterSettings.Fast"/>, with the keys the silos read
    /// (e.g. <c>Distribution:Workflow:ShipWithin</c>); a null value removes a default.
    /// </summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The Orleans service ID grain state is stored under (default: a new one per cluster, so clusters never share
    /// state). Give a second cluster on the same database the first one's to read what it stored, as after a restart.
    /// </summary>
    public string? ServiceId { get; set; }

    /// <summary>Where the grains' clock starts (default: now). It runs from there unless frozen.</summary>
    public DateTimeOffset? ClockStart { get; set; }

    /// <summary>Adds to every silo after the distribution grains were added: extra grains, services, replaced ports.</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; set; }
}
