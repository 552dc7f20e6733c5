using Microsoft.Extensions.Configuration;
using OrleansDistribution.Grains.Workflow;

namespace OrleansDistribution.Hosting.Configuration;

/// <summary>Everything under the "Distribution" configuration section that silos read.</summary>
public sealed class DistributionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Distribution";

    /// <summary>Storage mode.</summary>
    public StorageMode Storage { get; set; } = StorageMode.Memory;

    /// <summary>Cluster identity and ports.</summary>
    public DistributionClusterOptions Cluster { get; set; } = new();

    /// <summary>Workflow timings.</summary>
    public WorkflowOptions Workflow { get; set; } = new();

    /// <summary>Reads the section; an unknown enum value or a malformed number fails the silo at start, not at first use.</summary>
    public static DistributionOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<DistributionOptions>() ?? new DistributionOptions();
}
