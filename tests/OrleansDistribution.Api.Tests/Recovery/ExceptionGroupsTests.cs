using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Recovery;

/// <summary>GET /v1/exceptions/groups: the backlog as incidents, each cleared by the bulk replay it names.</summary>
[Collection(RecoveryCollection.Name)]
public sealed class ExceptionGroupsTests(RecoveryApiFixture api) : FaultInjectionTests(api)
{
    [Fact]
    public async Task ErpOutage_OneGroupAcrossPartners_NamesTheOutage_ItsReplayEmptiesIt()
    {
        using var first = await Scenario.CreateAsync(api);
        using var second = await Scenario.CreateAsync(api);
        await Simulation.SetFaultsAsync(Operator, new { down = true, system = "erp" });
        var held = new List<string>();
        foreach (var (scenario, count) in new[] { (first, 3), (second, 2) })
        {
            foreach (var orderId in await Outage.SubmitAsync(scenario, count))
            {
                held.Add((await scenario.WaitForStatusAsync(orderId, "OnHold"))["exception"]!["exceptionId"]!.GetValue<string>());
            }
        }

        var group = await GroupAsync("ErpUnavailable");
        Assert.Equal("erp", group["dependency"]!.GetValue<string>());
        Assert.Null(group["partnerId"]);
        Assert.All(held, id => Assert.Contains(id, Ids(group)));
        Assert.Equal(Ids(group).Count, group["count"]!.GetValue<int>());
        Assert.NotNull(group["outageSince"]);
        Assert.StartsWith("ERP unavailable since ", group["title"]!.GetValue<string>());
        Assert.EndsWith($", {group["count"]} orders", group["title"]!.GetValue<string>());
        Assert.Null(group["replay"]!["partnerId"]);

        // One partner's view of the same outage: only its orders, and a replay limited to them.
        var mine = await GroupAsync("ErpUnavailable", $"partnerId={first.PartnerId}");
        Assert.Equal(3, mine["count"]!.GetValue<int>());
        Assert.Equal(first.PartnerId, mine["replay"]!["partnerId"]!.GetValue<string>());

        await Simulation.ClearFaultsAsync(Operator);
        using var started = await Operator.PostAsJsonAsync("/v1/exceptions/retry", group["replay"]);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await Eventually.HoldsAsync(async () => (await GroupsAsync("type=ErpUnavailable")).Count == 0, "the ErpUnavailable group to empty");
    }

    [Fact]
    public async Task BusinessCause_OneGroupPerPartner_ReplayOfOneLeavesTheOther()
    {
        using var first = await Scenario.CreateAsync(api);
        using var second = await Scenario.CreateAsync(api);
        await Simulation.SetFaultsAsync(Operator, new { rejectSkus = new[] { first.Skus[0], second.Skus[0] } });
        foreach (var scenario in new[] { first, second })
        {
            var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1))))["orderId"]!.GetValue<string>();
            await scenario.WaitForStatusAsync(orderId, "OnHold");
        }

        var mine = await GroupAsync("ErpRejected", $"partnerId={first.PartnerId}");
        Assert.Equal($"ErpRejected:{first.PartnerId}", mine["groupId"]!.GetValue<string>());
        Assert.Equal(1, mine["count"]!.GetValue<int>());
        Assert.Null(mine["dependency"]);
        Assert.Null(mine["outageSince"]);
        Assert.StartsWith($"Rejected by the ERP · {first.PartnerId}: 1 order since ", mine["title"]!.GetValue<string>());
        var all = await GroupsAsync("type=ErpRejected");
        Assert.Contains(all, g => g!["partnerId"]?.GetValue<string>() == second.PartnerId);

        // Still rejected: the replay runs, fails, and the exception stays in its group; the other partner's is untouched.
        using var started = await Operator.PostAsJsonAsync("/v1/exceptions/retry", mine["replay"]);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = (await Scenario.ReadObjectAsync(started));
        Assert.Equal(1, job["total"]!.GetValue<int>());
        Assert.Equal(first.PartnerId, job["partnerId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("type=NoSuchCause", "type")]
    [InlineData("partnerId=has%20spaces", "partnerId")]
    public async Task Groups_BadFilter_400Problem(string query, string field)
    {
        using var response = await Operator.GetAsync($"/v1/exceptions/groups?{query}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Groups_PartnerKey_403()
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var response = await scenario.Partner.GetAsync("/v1/exceptions/groups");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    private static List<string> Ids(JsonNode group) => [.. group["exceptionIds"]!.AsArray().Select(id => id!.GetValue<string>())];

    private async Task<JsonObject> GroupAsync(string type, string? query = null) =>
        Assert.Single(await GroupsAsync($"type={type}&{query}"))!.AsObject();

    private async Task<JsonArray> GroupsAsync(string query)
    {
        using var response = await Operator.GetAsync($"/v1/exceptions/groups?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Scenario.ReadObjectAsync(response))["groups"]!.AsArray();
    }
}
