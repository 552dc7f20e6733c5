using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class IsolationTests(ApiFixture api)
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-a-real-key")]
    public async Task AnyV1Call_WithoutValidKey_401Problem(string? key)
    {
        using var client = api.ClientWithKey(key);

        using var response = await client.GetAsync($"/v1/orders/ord_{Guid.NewGuid():N}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetOrder_OfAnotherPartner_404AsIfItDidNotExist()
    {
        using var a = await Scenario.CreateAsync(api);
        using var b = await Scenario.CreateAsync(api);
        var orderId = (await a.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (a.Skus[0], 1))))["orderId"]!.GetValue<string>();

        using var read = await b.Partner.GetAsync($"/v1/orders/{orderId}");
        using var cancel = await b.Partner.PostAsync($"/v1/orders/{orderId}/cancel", null);

        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(cancel, HttpStatusCode.NotFound);
        Assert.NotEqual("Cancelled", (await a.GetOrderAsync(orderId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dashboard_PartnerKey_Refused_OperatorBasicAuth_Allowed()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var anonymous = api.ClientWithKey(null);

        using var asPartner = await scenario.Partner.GetAsync("/dashboard/");
        using var asAnonymous = await anonymous.GetAsync("/dashboard/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"ops:{ApiFixture.OperatorKey}")));
        using var asOperator = await anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(asPartner, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(asAnonymous, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Basic", asAnonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, asOperator.StatusCode);
    }

    [Fact]
    public async Task OpsConsole_OperatorOnly_BrowserGetsBasicChallenge()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var anonymous = api.ClientWithKey(null);

        using var asAnonymous = await anonymous.GetAsync("/ops");
        using var asPartner = await scenario.Partner.GetAsync("/ops");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ops");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"ops:{ApiFixture.OperatorKey}")));
        using var asOperator = await anonymous.SendAsync(request);

        await ProblemAssert.IsProblemAsync(asAnonymous, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Basic", asAnonymous.Headers.WwwAuthenticate.ToString());
        await ProblemAssert.IsProblemAsync(asPartner, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, asOperator.StatusCode);
        Assert.Equal("text/html", asOperator.Content.Headers.ContentType?.MediaType);
        var page = await asOperator.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/ops/ops.js\">", page, StringComparison.Ordinal);

        // What the page loads is the operator's only, like the page.
        using var scriptAsAnonymous = await anonymous.GetAsync("/ops/ops.js");
        using var scriptAsPartner = await scenario.Partner.GetAsync("/ops/ops.css");
        using var operatorClient = api.Operator();
        using var script = await operatorClient.GetAsync("/ops/ops.js");
        await ProblemAssert.IsProblemAsync(scriptAsAnonymous, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(scriptAsPartner, HttpStatusCode.Forbidden);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        var code = await script.Content.ReadAsStringAsync();
        Assert.Contains("/v1/exceptions/groups", code, StringComparison.Ordinal);
        Assert.Contains("new EventSource(url(\"/v1/events/stream\"))", code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartnerKey_OnOperatorEndpoints_403()
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var createPartner = await scenario.Partner.PostAsJsonAsync("/v1/partners", new { partnerId = $"x-{Guid.NewGuid():N}"[..20], name = "X" });
        using var setStock = await scenario.Partner.PutAsJsonAsync($"/v1/inventory/{scenario.Skus[0]}", new { onHand = 1_000_000 });

        await ProblemAssert.IsProblemAsync(createPartner, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(setStock, HttpStatusCode.Forbidden);
        Assert.Equal(100, (await scenario.GetInventoryAsync(scenario.Skus[0]))["onHand"]!.GetValue<int>());
    }

    [Fact]
    public async Task SuspendedPartner_Submitting_403()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var suspend = await scenario.Operator.PutAsJsonAsync($"/v1/partners/{scenario.PartnerId}/status", new { status = "Suspended" });
        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);

        using var response = await scenario.SubmitAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1)));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.EndsWith("partner-suspended", problem["type"]!.GetValue<string>());
        Assert.Equal(0, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task SuspendedPartner_WhileItsKeyIsRemembered_403AtOnceAndBackAtOnceWhenReactivated()
    {
        // The API silo remembers which partner a key belongs to; a change of standing must not wait for that to lapse.
        using var scenario = await Scenario.CreateAsync(api);
        using (var warm = await scenario.Partner.GetAsync($"/v1/inventory/{scenario.Skus[0]}"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        using (var suspend = await scenario.Operator.PutAsJsonAsync($"/v1/partners/{scenario.PartnerId}/status", new { status = "Suspended" }))
        {
            Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        }

        using (var whileSuspended = await scenario.Partner.GetAsync($"/v1/inventory/{scenario.Skus[0]}"))
        {
            var problem = await ProblemAssert.IsProblemAsync(whileSuspended, HttpStatusCode.Forbidden);
            Assert.EndsWith("partner-suspended", problem["type"]!.GetValue<string>());
        }

        using (var reactivate = await scenario.Operator.PutAsJsonAsync($"/v1/partners/{scenario.PartnerId}/status", new { status = "Active" }))
        {
            Assert.Equal(HttpStatusCode.OK, reactivate.StatusCode);
        }

        using var again = await scenario.Partner.GetAsync($"/v1/inventory/{scenario.Skus[0]}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task CreatePartner_ExistingId_409()
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var response = await scenario.Operator.PostAsJsonAsync("/v1/partners", new { partnerId = scenario.PartnerId, name = "Again" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
    }
}
