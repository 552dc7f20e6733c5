using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Partners;

/// <summary>PATCH /v1/partners/{partnerId}: name, rate limit, burst and daily quota, and what a channel notices of them.</summary>
[Collection(ApiCollection.Name)]
public sealed class PartnerLimitsTests(ApiFixture api)
{
    [Fact]
    public async Task Patch_MergePatch_ChangesWhatIsGiven_NullRemovesQuota()
    {
        using var scenario = await Scenario.CreateAsync(api);

        var limited = await PatchOkAsync(scenario, """{"name":"Renamed","burst":150000,"dailyQuota":40}""");
        var unchanged = await PatchOkAsync(scenario, "{}");
        var unlimited = await PatchOkAsync(scenario, """{"dailyQuota":null}""");

        Assert.Equal(("Renamed", 100_000, 150_000, 40), (limited["name"]!.GetValue<string>(), limited["rateLimitPerSecond"]!.GetValue<int>(),
            limited["burst"]!.GetValue<int>(), limited["dailyQuota"]!.GetValue<int>()));
        Assert.Equal(limited.ToJsonString(), unchanged.ToJsonString());
        Assert.Null(unlimited["dailyQuota"]);
        Assert.Equal(150_000, unlimited["burst"]!.GetValue<int>());
        using var read = await scenario.Operator.GetAsync($"/v1/partners/{scenario.PartnerId}");
        Assert.Equal(unlimited.ToJsonString(), (await Scenario.ReadObjectAsync(read)).ToJsonString());
    }

    [Theory]
    [InlineData("""{"rateLimitPerSecond":null}""", "rateLimitPerSecond")]
    [InlineData("""{"name":null}""", "name")]
    [InlineData("""{"dailyQuota":0}""", "dailyQuota")]
    [InlineData("""{"burst":-1}""", "burst")]
    [InlineData("""{"name":"bad\u0000name"}""", "name")]
    public async Task Patch_InvalidField_400NamingIt_NothingChanged(string body, string field)
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var response = await PatchAsync(scenario.Operator, scenario.PartnerId, body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, problem["errors"]!.AsObject().Select(error => error.Key), StringComparer.OrdinalIgnoreCase);
        using var read = await scenario.Operator.GetAsync($"/v1/partners/{scenario.PartnerId}");
        var partner = await Scenario.ReadObjectAsync(read);
        Assert.Equal((100_000, (JsonNode?)null), (partner["rateLimitPerSecond"]!.GetValue<int>(), partner["dailyQuota"]));
    }

    [Fact]
    public async Task Patch_BurstBelowRate_422_UnknownPartner_404_PartnerKey_403()
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var belowRate = await PatchAsync(scenario.Operator, scenario.PartnerId, """{"burst":10}""");
        using var unknown = await PatchAsync(scenario.Operator, $"nobody-{Guid.NewGuid():N}", """{"dailyQuota":5}""");
        using var asPartner = await PatchAsync(scenario.Partner, scenario.PartnerId, """{"dailyQuota":5}""");

        Assert.EndsWith("/burst-below-rate-limit", (await ProblemAssert.IsProblemAsync(belowRate, HttpStatusCode.UnprocessableEntity))["type"]!.GetValue<string>());
        Assert.EndsWith("/partner-not-found", (await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound))["type"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(asPartner, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Patch_LowerRateLimit_TakesEffectOnTheNextRequests()
    {
        using var scenario = await Scenario.CreateAsync(api);
        Assert.All(await BurstAsync(scenario, 12), status => Assert.Equal(HttpStatusCode.OK, status));

        await PatchOkAsync(scenario, """{"rateLimitPerSecond":2}""");
        var statuses = await BurstAsync(scenario, 12);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        // 2 tokens at once plus 2 per second: a slow CI box lets a few more through, never all twelve.
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 1, 11);
    }

    [Fact]
    public async Task DailyQuota_Spent_429QuotaExhaustedWithRetryAfterToMidnight_ReplaysAndRefusalsDoNotCount()
    {
        using var scenario = await Scenario.CreateAsync(api);
        await PatchOkAsync(scenario, """{"dailyQuota":3}""");

        var first = Scenario.OrderBody("PO-Q1", (scenario.Skus[0], 1));
        await scenario.SubmitCreatedAsync(first, "quota-1");
        using (var replay = await scenario.SubmitAsync(first, "quota-1"))
        {
            Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
            Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        }

        using (var refused = await scenario.SubmitAsync(Scenario.OrderBody("PO-Q-bad", ($"SKU-NONE-{Guid.NewGuid():N}", 1))))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }

        await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-Q2", (scenario.Skus[0], 1)));
        await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-Q3", (scenario.Skus[0], 1)));
        var before = DateTimeOffset.UtcNow;
        using var spent = await scenario.SubmitAsync(Scenario.OrderBody("PO-Q4", (scenario.Skus[0], 1)));

        var problem = await ProblemAssert.IsProblemAsync(spent, HttpStatusCode.TooManyRequests);
        Assert.EndsWith("/quota-exhausted", problem["type"]!.GetValue<string>());
        var untilMidnight = before.UtcDateTime.Date.AddDays(1) - before.UtcDateTime;
        var retryAfter = spent.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("Retry-After missing");
        Assert.InRange(retryAfter.TotalSeconds, Math.Max(1, untilMidnight.TotalSeconds - 30), untilMidnight.TotalSeconds + 1);

        // A raised quota lets orders in again at once.
        await PatchOkAsync(scenario, """{"dailyQuota":4}""");
        await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-Q4", (scenario.Skus[0], 1)));
    }

    private async Task<HttpStatusCode[]> BurstAsync(Scenario scenario, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            using var response = await scenario.Partner.GetAsync($"/v1/inventory/{scenario.Skus[0]}");
            return response.StatusCode;
        }));

    private static async Task<JsonObject> PatchOkAsync(Scenario scenario, string body)
    {
        using var response = await PatchAsync(scenario.Operator, scenario.PartnerId, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PATCH {body}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string partnerId, string body) =>
        client.PatchAsync($"/v1/partners/{partnerId}", new StringContent(body, Encoding.UTF8, "application/merge-patch+json"));
}
