namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>
/// The API silo talking HTTP to samples/ErpSimulator (a real process) through the Polly pipelines, with
/// test-short timings: a failing step held after 8 s, 500 ms per attempt, 4 attempts within 3 s, a circuit that opens after 5 calls at a
/// 50% failure ratio within 2 s and probes again after 1 s.
/// </summary>
public class HttpDownstreamApiFixture : ApiFixture
{
    public ErpSimulatorProcess Simulator { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        Simulator = await ErpSimulatorProcess.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeFixtureAsync()
    {
        await base.DisposeFixtureAsync();
        await Simulator.DisposeAsync();
    }

    /// <summary>False: the shipped defaults of the workflow, the HTTP pipelines and the circuits (only the addresses are set).</summary>
    protected virtual bool TestShortTimings => true;

    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        foreach (var system in new[] { "Erp", "Wms" })
        {
            settings[$"Distribution:{system}:BaseUrl"] = Simulator.BaseAddress.ToString();
        }

        if (!TestShortTimings)
        {
            settings.Remove("Distribution:Workflow:StepRetryDelay");
            settings.Remove("Distribution:Workflow:FirstStepDelay");
            return settings;
        }

        settings["Distribution:Workflow:StepRetryDelay"] = "00:00:00.200";
        settings["Distribution:Workflow:MaxStepRetryDelay"] = "00:00:00.400";
        settings["Distribution:Workflow:WarehouseReleaseWithin"] = "00:00:08";
        settings["Distribution:Workflow:ErpCommitWithin"] = "00:00:08";
        foreach (var system in new[] { "Erp", "Wms" })
        {
            settings[$"Distribution:{system}:AttemptTimeout"] = "00:00:00.500";
            settings[$"Distribution:{system}:BaseDelay"] = "00:00:00.050";
            settings[$"Distribution:{system}:TotalTimeout"] = "00:00:03";
            settings[$"Distribution:{system}:CircuitMinimumThroughput"] = "5";
            settings[$"Distribution:{system}:CircuitSamplingDuration"] = "00:00:02";
            settings[$"Distribution:{system}:CircuitBreakDuration"] = "00:00:01";
        }

        return settings;
    }
}
