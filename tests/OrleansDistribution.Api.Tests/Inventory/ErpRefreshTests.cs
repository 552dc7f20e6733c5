using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Inventory;

/// <summary>POST /v1/inventory/refreshes: the full ERP stock refresh, started by hand, heals what the feed missed.</summary>
[Collection(ApiCollection.Name)]
public sealed class ErpRefreshTests(ApiFixture api)
{
    [Fact]
    public async Task Refresh_HealsASkuWhosePushWasMissed_AndLearnsSkusTheHubNeverHeardOf()
    {
        using var erp = api.ClientWithKey(ApiFixture.ErpKey);
        using var ops = api.Operator();
        var (missed, known, unheard) = (ReconciliationTests.NewSku("HEAL"), ReconciliationTests.NewSku("HEAL"), ReconciliationTests.NewSku("HEAL"));
        // The ERP books 10 then 17 for one SKU (sequences 1 and 2); the hub got only the first push.
        await ReconciliationTests.BookInErpAsync(ops, (missed, 10), (missed, 17), (known, 8), (unheard, 4));
        await ReconciliationTests.SyncAsync(erp, (missed, 10, 1), (known, 8, 1));

        var run = await RefreshAsync(ops);

        Assert.Equal("completed", run["status"]!.GetValue<string>());
        Assert.Equal("operator", run["trigger"]!.GetValue<string>());
        Assert.True(run["pages"]!.GetValue<int>() >= 1);
        Assert.True(run["applied"]!.GetValue<int>() >= 2, run.ToJsonString());
        Assert.True(run["stale"]!.GetValue<int>() >= 1, run.ToJsonString());
        Assert.Equal(0, run["failed"]!.GetValue<int>());
        var healed = await ReconciliationTests.GetInventoryAsync(ops, missed);
        Assert.Equal(17, healed["onHand"]!.GetValue<int>());
        Assert.Equal(2, healed["erp"]!["sequence"]!.GetValue<long>());
        Assert.Equal(8, (await ReconciliationTests.GetInventoryAsync(ops, known))["onHand"]!.GetValue<int>());
        Assert.Equal(4, (await ReconciliationTests.GetInventoryAsync(ops, unheard))["onHand"]!.GetValue<int>());
    }

    [Fact]
    public async Task Refresh_IsForTheOperator_AndAnUnknownRunIsA404()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var erp = api.ClientWithKey(ApiFixture.ErpKey);

        using var byPartner = await scenario.Partner.PostAsync("/v1/inventory/refreshes", null);
        using var byErp = await erp.PostAsync("/v1/inventory/refreshes", null);
        using var missing = await scenario.Operator.GetAsync("/v1/inventory/refreshes/refresh_unknown");

        Assert.Equal(HttpStatusCode.Forbidden, byPartner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byErp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.EndsWith("/problems/refresh-not-found", (await Scenario.ReadObjectAsync(missing))["type"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Starts a refresh and waits for it to finish (one already running is answered instead; then that one is awaited and a new one started).</summary>
    internal static async Task<JsonObject> RefreshAsync(HttpClient ops, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? Eventually.DefaultTimeout);
        while (true)
        {
            var startedAt = DateTimeOffset.UtcNow;
            using var response = await ops.PostAsync("/v1/inventory/refreshes", null);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var location = response.Headers.Location!;
            Assert.StartsWith("/v1/inventory/refreshes/refresh_", location.OriginalString, StringComparison.Ordinal);
            var run = await Eventually.MatchesAsync(
                async () => await Scenario.ReadObjectAsync(await ops.GetAsync(location)),
                body => body["status"]!.GetValue<string>() != "running", $"refresh {location} finishing", deadline - DateTimeOffset.UtcNow);
            if (run["startedAt"]!.GetValue<DateTimeOffset>() >= startedAt.AddSeconds(-1) || DateTimeOffset.UtcNow >= deadline)
            {
                return run;
            }
        }
    }
}
