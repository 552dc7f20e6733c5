namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>
/// An API silo tuned for failure tests: a failing ERP commit or warehouse release is held after 1.5 s and the
/// simulated systems' circuits open and probe within a second or two, so holds happen within a test's patience.
/// (The SLAs themselves, with their default lengths, are tested on a fake clock: Grains.Tests, WorkflowSlaTests.)
/// </summary>
public class RecoveryApiFixture : ApiFixture
{
    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        settings["Distribution:Workflow:StepRetryDelay"] = "00:00:00.100";
        settings["Distribution:Workflow:MaxStepRetryDelay"] = "00:00:00.300";
        settings["Distribution:Workflow:ErpCommitWithin"] = "00:00:01.500";
        settings["Distribution:Workflow:WarehouseReleaseWithin"] = "00:00:01.500";
        foreach (var system in new[] { "Erp", "Wms" })
        {
            settings[$"Distribution:{system}:CircuitMinimumThroughput"] = "5";
            // At least twice the (default, 2 s) attempt timeout, as for the HTTP adapters.
            settings[$"Distribution:{system}:CircuitSamplingDuration"] = "00:00:04";
            settings[$"Distribution:{system}:CircuitBreakDuration"] = "00:00:01";
        }

        settings["Distribution:Workflow:ResumeCheckPeriod"] = "00:00:05";
        return settings;
    }
}
