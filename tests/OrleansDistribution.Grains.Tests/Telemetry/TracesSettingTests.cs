using Microsoft.Extensions.Configuration;
using OrleansDistribution.Hosting.Telemetry;

namespace OrleansDistribution.Grains.Tests.Telemetry;

/// <summary>Spans are recorded when they go somewhere: with an OTLP endpoint, or when the setting says so.</summary>
public sealed class TracesSettingTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData(null, "http://collector:4317", true)]
    [InlineData("true", null, true)]
    [InlineData("false", "http://collector:4317", false)]
    [InlineData(null, "", false)]
    public void TracesEnabled_FollowsTheSettingElseTheOtlpEndpoint(string? traces, string? otlpEndpoint, bool enabled)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryExtensions.TracesSetting] = traces,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint,
        }).Build();

        Assert.Equal(enabled, TelemetryExtensions.TracesEnabled(configuration));
    }
}
