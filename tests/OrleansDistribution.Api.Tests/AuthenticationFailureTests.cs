using System.Net;
using OrleansDistribution.Api.Security;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

/// <summary>A client spraying unknown API keys (its own API silo: the refusal is per address, and tests share 127.0.0.1).</summary>
public sealed class AuthenticationFailureTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task UnknownKeys_BurstThen429BeforeAuthentication_CountedInMetrics()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 200; i++)
        {
            using var client = api.ClientWithKey($"odk_random_{Guid.NewGuid():N}");
            var response = await client.GetAsync("/v1/orders/ord_x");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused ??= response;
            }
            else
            {
                response.Dispose();
            }
        }

        // The burst is answered 401 (each key looked up once), then the address is refused without lookups.
        Assert.True(statuses.Take(AuthenticationFailures.Burst).All(status => status == HttpStatusCode.Unauthorized), string.Join(",", statuses));
        Assert.True(statuses.Count(status => status == HttpStatusCode.Unauthorized) < AuthenticationFailures.Burst + 20, string.Join(",", statuses));
        Assert.NotNull(refused);
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.EndsWith("rate-limited", problem["type"]!.GetValue<string>());
        Assert.NotNull(refused.Headers.RetryAfter);
        refused.Dispose();

        using var metrics = await api.Operator().GetAsync("/metrics");
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("distribution_auth_failures_total{", text);
        Assert.Contains("reason=\"unknown-key\"", text);
        Assert.Contains("reason=\"throttled\"", text);
    }
}
