using System.Text.Json;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

/// <summary>What the API silo tells whoever started it, as a process with JSON console logs.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Start_WithJsonConsoleLogs_AnnouncesOpsDashboardAndOpenApiUrlsAsJsonLines()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["Distribution:Storage"] = "Memory",
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:LogLevel:OrleansDistribution.Api.Startup"] = "Information",
        });

        var root = api.BaseAddress.ToString().TrimEnd('/');
        var line = Assert.Single(api.Output.Split('\n'), l => l.Contains("API silo listening on", StringComparison.Ordinal));
        using var entry = JsonDocument.Parse(line);
        var state = entry.RootElement.GetProperty("State");
        Assert.Equal($"{root}/ops", state.GetProperty("Ops").GetString());
        Assert.Equal($"{root}/dashboard/", state.GetProperty("Dashboard").GetString());
        Assert.Equal($"{root}/openapi/v1.json", state.GetProperty("OpenApi").GetString());
    }
}
