using System.Diagnostics.Metrics;
using System.Net;
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
}
