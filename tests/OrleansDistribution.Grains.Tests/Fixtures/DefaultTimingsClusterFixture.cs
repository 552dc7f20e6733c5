using OrleansDistribution.Testing.Xunit;

namespace OrleansDistribution.Grains.Tests.Fixtures;

/// <summary>
/// A one-silo kit cluster with the workflow's production timings (first step after 1 s, retries from 2 s, in-doubt
/// after 10 s) instead of the kit's fast ones, for tests that check the SLAs as configured by default.
/// </summary>
public sealed class DefaultTimingsClusterFixture : DistributionClusterFixture
{
    /// <inheritdoc />
    protected override DistributionTestClusterOptions Options() => new()
    {
        Settings =
        {
            ["Distribution:Workflow:FirstStepDelay"] = null,
            ["Distribution:Workflow:StepRetryDelay"] = null,
            ["Distribution:Workflow:InDoubtTimeout"] = null,
        },
    };
}
