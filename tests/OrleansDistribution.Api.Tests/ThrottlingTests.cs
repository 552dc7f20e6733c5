using System.Net;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ThrottlingTests(ApiFixture api)
{
    [Fact]
    public async Task Partner_OverItsRateLimit_429WithRetryAfter_OtherPartnerUnaffected()
    {
        using var slow = await Scenario.CreateAsync(api, rateLimitPerSecond: 3);
        using var other = await Scenario.CreateAsync(api, rateLimitPerSecond: 3);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await slow.Partner.GetAsync($"/v1/inventory/{slow.Skus[0]}");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After missing");
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests);
            }

            return response.StatusCode;
        }));

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        // 3 tokens at once plus 3 per second: a slow CI box lets a few more through, never all twelve.
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 1, 11);
        using var unaffected = await other.Partner.GetAsync($"/v1/inventory/{other.Skus[0]}");
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
    }
}
