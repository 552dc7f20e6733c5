namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>
/// An API silo tuned for failure tests: steps give up after 3 quick attempts and a released order is
/// "overdue" after 2 seconds, so holds and SLA warnings happen within a test's patience.
/// </summary>
public sealed class RecoveryApiFixture : ApiFixture
{
    public const int MaxStepAttempts = 3;

    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        settings["Distribution:Workflow:StepRetryDelay"] = "00:00:00.100";
        settings["Distribution:Workflow:MaxStepAttempts"] = MaxStepAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Distribution:Workflow:ShipWithin"] = "00:00:02";
        settings["Distribution:Workflow:ErpCommitWithin"] = "00:00:30";
        settings["Distribution:Workflow:ResumeCheckPeriod"] = "00:00:05";
        return settings;
    }
}
