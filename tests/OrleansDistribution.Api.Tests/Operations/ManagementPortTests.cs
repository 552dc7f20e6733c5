using System.Globalization;
using System.Net;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Operations;

/// <summary>
/// Distribution:Metrics:Port, as docker-compose's observability profile sets it: /metrics moves to the management port,
/// unauthenticated (for Prometheus on the private network), and nothing else is served there but the health probes.
/// </summary>
public sealed class ManagementPortTests
{
    [Fact]
    public async Task MetricsPort_ServesTheScrapeWithoutAKey_OnlyThere_AndNothingButHealthBeside()
    {
        var metricsPort = ChildProcess.FreePort();
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["Distribution:Storage"] = "Memory",
            ["Distribution:Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture),
        });
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}"), Timeout = TimeSpan.FromSeconds(10) };
        using var publicOperator = api.ClientWithKey(ApiFixture.OperatorKey);

        // The cluster gauges appear once the KPI grain has sampled and this silo has reported (default intervals).
        var scrape = await Eventually.MatchesAsync(
            () => PrometheusScrape.ReadAsync(management), metrics => metrics.Names.Contains("distribution_exceptions_open"),
            "the cluster gauges on the management port", TimeSpan.FromSeconds(30));
        using var publicScrape = await publicOperator.GetAsync("/metrics");
        using var apiOnManagementPort = await management.GetAsync("/v1/ops/kpis");
        using var ready = await management.GetAsync("/health/ready");

        Assert.Equal(0, scrape.Max("distribution_exceptions_open", ("type", "ErpUnavailable")));
        Assert.Equal(HttpStatusCode.NotFound, publicScrape.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiOnManagementPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
