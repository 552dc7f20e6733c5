namespace OrleansDistribution.Api.Tests.Durability;

public sealed class EmbeddedRestartTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"odtest-embedded-{Guid.NewGuid():N}");

    [Fact]
    public async Task EmbeddedApi_KilledRightAfter201_EverythingThereAndPendingOrderResumes()
    {
        var settings = RestartScenario.WorkflowSettings();
        settings["Distribution:Storage"] = "Embedded";
        settings["Distribution:DataDirectory"] = _dataDirectory;

        await RestartScenario.RunAsync(settings);

        Assert.True(File.Exists(Path.Combine(_dataDirectory, "distribution.db")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
