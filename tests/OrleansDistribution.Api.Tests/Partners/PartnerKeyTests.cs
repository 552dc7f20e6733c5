using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Partners;

/// <summary>Key rotation and revocation as the operator and the channel see them.</summary>
[Collection(ApiCollection.Name)]
public sealed class PartnerKeyTests(ApiFixture api)
{
    [Fact]
    public async Task IssueKey_BothKeysWorkDuringTheOverlap_ThenTheRevokedOne401AtOnce()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var firstKeyId = await OnlyKeyIdAsync(scenario);

        var issued = await IssueAsync(scenario);
        using var second = api.ClientWithKey(issued["apiKey"]!.GetValue<string>());

        // The overlap: the old key (cached by now) and the new one both work.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(scenario.Partner, scenario.Skus[0]));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, scenario.Skus[0]));
        Assert.Equal(HttpStatusCode.Created, (await SubmitWithAsync(second, scenario)).StatusCode);

        using var revoke = await scenario.Operator.DeleteAsync($"/v1/partners/{scenario.PartnerId}/keys/{firstKeyId}");
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("revoked", (await Scenario.ReadObjectAsync(revoke))["status"]!.GetValue<string>());

        // Revoked through this API silo: the very next request with it is refused, though it was cached a moment ago.
        using var refused = await scenario.Partner.GetAsync($"/v1/inventory/{scenario.Skus[0]}");
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, scenario.Skus[0]));
        var keys = await ListAsync(scenario);
        var records = keys.Select(k => k!.AsObject()).ToList();
        Assert.Equal([("active", issued["keyId"]!.GetValue<string>())], records.Where(k => k["status"]!.GetValue<string>() == "active")
            .Select(k => (k["status"]!.GetValue<string>(), k["keyId"]!.GetValue<string>())));
        Assert.Equal(issued["apiKey"]!.GetValue<string>()[^4..],
            records.Single(k => k["keyId"]!.GetValue<string>() == issued["keyId"]!.GetValue<string>())["last4"]!.GetValue<string>());
        Assert.DoesNotContain(issued["apiKey"]!.GetValue<string>(), keys.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyRevokedElsewhere_CachedKeyUsedJustBefore_401WithinASecond()
    {
        // A revocation that does not pass through this silo's endpoints (as one made through another API silo): only the
        // cluster's change log, polled by this silo, can tell its key cache.
        using var scenario = await Scenario.CreateAsync(api);
        var firstKeyId = await OnlyKeyIdAsync(scenario);
        await IssueAsync(scenario);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(scenario.Partner, scenario.Skus[0]));
        var grains = api.Services.GetRequiredService<IGrainFactory>();

        await grains.GetGrain<IPartnerGrain>(scenario.PartnerId).RevokeKeyAsync(firstKeyId, allowLastKey: false);
        var since = Stopwatch.StartNew();
        // How long the key worked: until the last 200 came back (the 401's own round trip is not the key working).
        var workedFor = TimeSpan.Zero;
        HttpStatusCode status;
        while ((status = await StatusAsync(scenario.Partner, scenario.Skus[0])) == HttpStatusCode.OK && since.Elapsed < TimeSpan.FromSeconds(3))
        {
            workedFor = since.Elapsed;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(workedFor < TimeSpan.FromSeconds(1), $"the revoked key worked for {workedFor.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task RevokeKey_LastActiveKey_409_UnlessAllowLastKey()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var keyId = await OnlyKeyIdAsync(scenario);

        using var refused = await scenario.Operator.DeleteAsync($"/v1/partners/{scenario.PartnerId}/keys/{keyId}");

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.EndsWith("/last-active-key", problem["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(scenario.Partner, scenario.Skus[0]));

        using var allowed = await scenario.Operator.DeleteAsync($"/v1/partners/{scenario.PartnerId}/keys/{keyId}?allowLastKey=true");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var locked = await scenario.Partner.GetAsync($"/v1/inventory/{scenario.Skus[0]}");
        await ProblemAssert.IsProblemAsync(locked, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task KeyEndpoints_UnknownKeyOrPartner_404Problems_PartnerKey403()
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var unknownKey = await scenario.Operator.DeleteAsync($"/v1/partners/{scenario.PartnerId}/keys/key_0000000000000000");
        using var unknownPartner = await scenario.Operator.PostAsync($"/v1/partners/nobody-{Guid.NewGuid():N}/keys", null);
        using var listUnknown = await scenario.Operator.GetAsync($"/v1/partners/nobody-{Guid.NewGuid():N}/keys");
        using var asPartner = await scenario.Partner.PostAsync($"/v1/partners/{scenario.PartnerId}/keys", null);
        using var badFlag = await scenario.Operator.DeleteAsync($"/v1/partners/{scenario.PartnerId}/keys/key_x?allowLastKey=maybe");

        Assert.EndsWith("/key-not-found", (await ProblemAssert.IsProblemAsync(unknownKey, HttpStatusCode.NotFound))["type"]!.GetValue<string>());
        Assert.EndsWith("/partner-not-found", (await ProblemAssert.IsProblemAsync(unknownPartner, HttpStatusCode.NotFound))["type"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(listUnknown, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(asPartner, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(badFlag, HttpStatusCode.BadRequest);
        Assert.Single(await ListAsync(scenario));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string sku)
    {
        using var response = await client.GetAsync($"/v1/inventory/{sku}");
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> SubmitWithAsync(HttpClient client, Scenario scenario)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/orders") { Content = JsonContent.Create(Scenario.OrderBody("PO-K", (scenario.Skus[0], 1))) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    private static async Task<JsonObject> IssueAsync(Scenario scenario)
    {
        using var response = await scenario.Operator.PostAsync($"/v1/partners/{scenario.PartnerId}/keys", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Scenario.ReadObjectAsync(response);
    }

    private static async Task<JsonArray> ListAsync(Scenario scenario)
    {
        using var response = await scenario.Operator.GetAsync($"/v1/partners/{scenario.PartnerId}/keys");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Scenario.ReadObjectAsync(response))["keys"]!.AsArray();
    }

    private static async Task<string> OnlyKeyIdAsync(Scenario scenario)
    {
        var key = Assert.Single(await ListAsync(scenario))!;
        Assert.Equal(scenario.ApiKey[^4..], key["last4"]!.GetValue<string>());
        return key["keyId"]!.GetValue<string>();
    }
}
