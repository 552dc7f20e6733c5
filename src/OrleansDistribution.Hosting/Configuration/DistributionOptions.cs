using Microsoft.Extensions.Configuration;
using OrleansDistribution.Grains.Workflow;

namespace OrleansDistribution.Hosting.Configuration;

/// <summary>Everything under the "Distribution" configuration section that silos read.</summary>
public sealed class DistributionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Distribution";

    /// <summary>Name of the PostgreSQL connection string ("ConnectionStrings:Distribution").</summary>
    public const string ConnectionStringName = "Distribution";

    /// <summary>Storage mode.</summary>
    public StorageMode Storage { get; set; } = StorageMode.Embedded;

    /// <summary>Directory of the embedded SQLite file.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Cluster identity and ports.</summary>
    public DistributionClusterOptions Cluster { get; set; } = new();

    /// <summary>Workflow timings.</summary>
    public WorkflowOptions Workflow { get; set; } = new();

    /// <summary>Reads the section; an unknown enum value or a malformed number fails the silo at start, not at first use.</summary>
    public static DistributionOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<DistributionOptions>() ?? new DistributionOptions();

    /// <summary>The PostgreSQL connection string, or a clear error naming the key to set.</summary>
    public static string PostgresConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"Distribution:Storage is Postgres but ConnectionStrings:{ConnectionStringName} is not set (env ConnectionStrings__{ConnectionStringName}).");
}
