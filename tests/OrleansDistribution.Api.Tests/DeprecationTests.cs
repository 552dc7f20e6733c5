using System.Net;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

/// <summary>The end of API v1 announced in headers (RFC 9745 Deprecation, RFC 8594 Sunset) when, and only when, configured.</summary>
public sealed class DeprecationTests
{
    [Fact]
    public async Task V1Responses_WhenConfigured_CarryDeprecationSunsetAndLink()
    {
        await using var api = new ConfiguredApiFixture(new Dictionary<string, string>
        {
            ["Distribution:Api:Deprecation"] = "2027-01-01T00:00:00Z",
            ["Distribution:Api:Sunset"] = "2027-06-30",
            ["Distribution:Api:DeprecationLink"] = "https://example.com/api/v2-migration",
        });
        await api.InitializeAsync();

        using var ok = await api.Operator().GetAsync("/v1/schemas");
        using var problem = await api.Operator().GetAsync("/v1/orders/no-such-order");
        foreach (var response in new[] { ok, problem })
        {
            Assert.Equal("@1798761600", Assert.Single(response.Headers.GetValues("Deprecation")));
            Assert.Equal("Wed, 30 Jun 2027 00:00:00 GMT", Assert.Single(response.Headers.GetValues("Sunset")));
            Assert.Contains("<https://example.com/api/v2-migration>; rel=\"deprecation\"", response.Headers.GetValues("Link"));
        }

        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        using var health = await api.ClientWithKey(null).GetAsync("/health/live");
        Assert.False(health.Headers.Contains("Deprecation"), "only the versioned API is deprecated");
    }

    [Fact]
    public async Task V1Responses_WithoutConfiguration_CarryNoDeprecationHeaders()
    {
        await using var api = new ConfiguredApiFixture(new Dictionary<string, string>());
        await api.InitializeAsync();

        using var response = await api.Operator().GetAsync("/v1/schemas");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Deprecation"));
        Assert.False(response.Headers.Contains("Sunset"));
        Assert.False(response.Headers.Contains("Link"));
    }

    [Theory]
    [InlineData("Distribution:Api:Deprecation", "next spring", "Distribution:Api:Deprecation 'next spring' is not a date")]
    [InlineData("Distribution:Api:Sunset", "2020-13-45", "Distribution:Api:Sunset '2020-13-45' is not a date")]
    [InlineData("Distribution:Api:DeprecationLink", "not a url", "is not an absolute http(s) URL")]
    public async Task Start_InvalidDeprecationSetting_FailsWithTheKeyInTheMessage(string key, string value, string message)
    {
        await using var api = new ConfiguredApiFixture(new Dictionary<string, string>
        {
            ["Distribution:Api:Deprecation"] = "2027-01-01",
            [key] = value,
        });

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await api.InitializeAsync());
        Assert.Contains(message, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SunsetBeforeDeprecation_Fails()
    {
        await using var api = new ConfiguredApiFixture(new Dictionary<string, string>
        {
            ["Distribution:Api:Deprecation"] = "2027-06-30",
            ["Distribution:Api:Sunset"] = "2027-01-01",
        });

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await api.InitializeAsync());
        Assert.Contains("is before Distribution:Api:Deprecation", failure.ToString(), StringComparison.Ordinal);
    }
}
