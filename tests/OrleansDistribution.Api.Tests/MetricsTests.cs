using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class MetricsTests(ApiFixture api)
{
    [Fact]
    public async Task Metrics_WithoutKey_401()
    {
        using var client = api.ClientWithKey(null);

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_Partner_403()
    {
        using var scenario = await Scenario.CreateAsync(api, skuCount: 1);

        using var response = await scenario.Partner.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_Operator_PrometheusTextWithOurMeter()
    {
        // An instrument on our meter, as the storage layer creates them: it must reach the scrape.
        using var meter = new Meter(DistributionNames.Meter);
        var counter = meter.CreateCounter<long>($"distribution.test_{Guid.NewGuid():N}.rows_written");
        counter.Add(3);
        using var client = api.Operator();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var promName = counter.Name.Replace('.', '_') + "_total";
        Assert.Contains($"\n{promName}{{", text);
    }

    [Fact]
    public void AHostStopping_LeavesTheMetricsOfTheOtherHostsInItsProcess()
    {
        // Two hosts in one process, as TestingHost silos and test fixtures run: the first creates the instrument, then
        // stops. OpenTelemetry merges same-identity instruments into one stream and drops it with the first meter
        // (opentelemetry-dotnet#6412); the host tag on DistributionMeter keeps the second host's stream its own.
        var name = $"distribution.test_{Guid.NewGuid():N}.isolated";
        var exported = new List<Metric>();
        using var provider = OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(DistributionNames.Meter).AddInMemoryExporter(exported).Build();
        var first = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var second = new ServiceCollection().AddMetrics().BuildServiceProvider();
        new DistributionMeter(first.GetRequiredService<IMeterFactory>()).Meter.CreateCounter<long>(name).Add(1);
        var secondMeter = new DistributionMeter(second.GetRequiredService<IMeterFactory>());
        var counter = secondMeter.Meter.CreateCounter<long>(name);

        first.Dispose();
        provider.ForceFlush();
        exported.Clear();
        counter.Add(5);
        provider.ForceFlush();

        var stream = Assert.Single(exported, metric => metric.Name == name);
        Assert.Contains(stream.MeterTags!, tag => tag.Key == DistributionMeter.HostTag && (string?)tag.Value == secondMeter.Host);
        long total = 0;
        foreach (ref readonly var point in stream.GetMetricPoints())
        {
            total += point.GetSumLong();
        }

        Assert.Equal(5, total);
    }
}
