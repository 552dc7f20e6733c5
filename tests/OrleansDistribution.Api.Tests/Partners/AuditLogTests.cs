using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Partners;

/// <summary>GET /v1/audit: every partner change with who, what, before/after and the correlation ID.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditLogTests(ApiFixture api)
{
    [Fact]
    public async Task PartnerChanges_EachLandsInTheAuditLog_PagedByCursor()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/partners/{scenario.PartnerId}")
               {
                   Content = new StringContent("""{"dailyQuota":500}""", Encoding.UTF8, "application/merge-patch+json"),
               })
        {
            patch.Headers.Add("X-Correlation-ID", "audit-patch-1");
            using var patched = await scenario.Operator.SendAsync(patch);
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        using (var issued = await scenario.Operator.PostAsync($"/v1/partners/{scenario.PartnerId}/keys", null))
        {
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }

        using (var suspended = await scenario.Operator.PutAsJsonAsync($"/v1/partners/{scenario.PartnerId}/status", new { status = "Suspended" }))
        {
            Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        }

        var entries = new List<JsonObject>();
        var pages = 0;
        string? after = null;
        do
        {
            using var response = await scenario.Operator.GetAsync($"/v1/audit?partnerId={scenario.PartnerId}&limit=2{(after is null ? "" : $"&after={after}")}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Scenario.ReadObjectAsync(response);
            entries.AddRange(page["entries"]!.AsArray().Select(entry => entry!.AsObject()));
            after = page["next"]?.ToJsonString();
            pages++;
        }
        while (after is not null);

        Assert.Equal(["partner.onboarded", "price-list.published", "partner.updated", "key.issued", "partner.status-changed"],
            entries.Select(entry => entry["action"]!.GetValue<string>()));
        Assert.Equal(3, pages);
        Assert.Equal(entries.Count, entries.Select(entry => entry["sequence"]!.GetValue<long>()).Distinct().Count());
        Assert.All(entries, entry => Assert.Equal("operator", entry["actor"]!.GetValue<string>()));
        var update = entries.Single(entry => entry["action"]!.GetValue<string>() == "partner.updated");
        Assert.Equal("audit-patch-1", update["correlationId"]!.GetValue<string>());
        var change = Assert.Single(update["changes"]!.AsArray())!;
        Assert.Equal(("dailyQuota", (string?)null, "500"), (change["field"]!.GetValue<string>(), change["before"]?.GetValue<string>(), change["after"]!.GetValue<string>()));
        var status = entries.Single(entry => entry["action"]!.GetValue<string>() == "partner.status-changed")["changes"]![0]!;
        Assert.Equal(("Active", "Suspended"), (status["before"]!.GetValue<string>(), status["after"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("/v1/audit")]
    [InlineData("/v1/audit?partnerId=p-1&limit=0")]
    [InlineData("/v1/audit?partnerId=p-1&limit=501")]
    [InlineData("/v1/audit?partnerId=p-1&after=-1")]
    [InlineData("/v1/audit?partnerId=p-1&after=abc")]
    public async Task Audit_BadQuery_400Problem(string path)
    {
        using var client = api.Operator();

        using var response = await client.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Audit_PartnerKey_403_UnknownPartner_EmptyPage()
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var asPartner = await scenario.Partner.GetAsync($"/v1/audit?partnerId={scenario.PartnerId}");
        using var unknown = await scenario.Operator.GetAsync($"/v1/audit?partnerId=nobody-{Guid.NewGuid():N}");

        await ProblemAssert.IsProblemAsync(asPartner, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Empty((await Scenario.ReadObjectAsync(unknown))["entries"]!.AsArray());
    }
}
