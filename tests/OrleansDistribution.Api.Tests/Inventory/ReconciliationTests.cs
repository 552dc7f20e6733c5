using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Inventory;

/// <summary>
/// POST /v1/inventory/reconciliations: drift reports of the hub against the ERP's figures, and the InventoryDrift
/// exceptions they raise (default drift threshold 0: any difference).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReconciliationTests(ApiFixture api)
{
    private static readonly DateTimeOffset AsOf = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PlantedDrifts_ReportedExactly_EachWithItsCause()
    {
        using var scenario = await Scenario.CreateAsync(api, skuCount: 2);
        using var erp = api.ClientWithKey(ApiFixture.ErpKey);
        var (shipped, clean) = (scenario.Skus[0], scenario.Skus[1]);
        var byHand = NewSku("HAND");
        var missed = NewSku("MISS");
        var never = NewSku("NEVER");
        var unknown = NewSku("UNK");
        await SyncAsync(erp, (shipped, 100, 1), (clean, 60, 1), (byHand, 50, 1), (missed, 20, 1));
        await Scenario.SetStockAsync(scenario.Operator, byHand, 45);
        await Scenario.SetStockAsync(scenario.Operator, never, 30);
        await ShipAsync(scenario, shipped, 3);

        using var response = await erp.PostAsJsonAsync("/v1/inventory/reconciliations", new
        {
            positions = new object[]
            {
                new { sku = shipped, onHand = 100 }, new { sku = clean, onHand = 60 }, new { sku = byHand, onHand = 50 },
                new { sku = missed, onHand = 26 }, new { sku = never, onHand = 35 }, new { sku = unknown, onHand = 25 },
            },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = await Scenario.ReadObjectAsync(response);
        Assert.Equal($"/v1/inventory/reconciliations/{report["reconciliationId"]!.GetValue<string>()}", response.Headers.Location?.OriginalString);
        Assert.Equal("completed", report["status"]!.GetValue<string>());
        Assert.Equal(6, report["checked"]!.GetValue<int>());
        Assert.NotNull(report["completedAt"]?.GetValue<DateTimeOffset>());
        Assert.Equal(
            new[]
            {
                (byHand, (int?)45, 50, -5, "setByHandInHub"),
                (missed, 20, 26, -6, "missedErpUpdate"),
                (never, 30, 35, -5, "neverSyncedFromErp"),
                (shipped, 97, 100, -3, "shippedNotBookedInErp"),
                (unknown, null, 25, -25, "unknownInHub"),
            }.OrderBy(line => line.Item1, StringComparer.Ordinal),
            Lines(report).OrderBy(line => line.Sku, StringComparer.Ordinal));

        // GET answers the same report; nothing was changed by it.
        using var read = await erp.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(report.ToJsonString(), (await Scenario.ReadObjectAsync(read)).ToJsonString());
        Assert.Equal(97, (await scenario.GetInventoryAsync(shipped))["onHand"]!.GetValue<int>());
        Assert.Equal(45, (await scenario.GetInventoryAsync(byHand))["onHand"]!.GetValue<int>());
    }

    [Fact]
    public async Task DriftOverThreshold_OneExceptionPerSku_UpdatedByRepeats_WithdrawnByACleanCheck()
    {
        using var erp = api.ClientWithKey(ApiFixture.ErpKey);
        using var ops = api.Operator();
        var (first, second) = (NewSku("DRIFT"), NewSku("DRIFT"));
        await SyncAsync(erp, (first, 10, 1), (second, 5, 1));

        await ReconcileAsync(erp, (first, 12), (second, 7));
        await ReconcileAsync(erp, (first, 12), (second, 8));

        var open = await DriftsAsync(ops, first, second);
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), open.Select(item => item["sku"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(open, item =>
        {
            Assert.Equal("sku", item["subject"]!.GetValue<string>());
            Assert.Null(item["orderId"]);
            Assert.Equal(2, item["attempts"]!.GetValue<int>());
        });
        var secondEntry = open.Single(item => item["sku"]!.GetValue<string>() == second);
        Assert.Equal($"drift:{second}", secondEntry["exceptionId"]!.GetValue<string>());
        Assert.Contains("ERP 8", secondEntry["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        using var list = await ops.GetAsync("/v1/exceptions?type=InventoryDrift");
        Assert.True((await Scenario.ReadObjectAsync(list))["countByType"]!["InventoryDrift"]!.GetValue<int>() >= 2);

        // The first SKU agrees with the ERP again: its exception goes, the other's stays.
        await ReconcileAsync(erp, (first, 10), (second, 8));

        Assert.Equal([second], (await DriftsAsync(ops, first, second)).Select(item => item["sku"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DriftException_RetryRechecksAgainstTheErp_SkipAcknowledges_CancelIsRefused()
    {
        using var erp = api.ClientWithKey(ApiFixture.ErpKey);
        using var ops = api.Operator();
        var (rechecked, acknowledged) = (NewSku("RECHK"), NewSku("ACK"));
        await SyncAsync(erp, (rechecked, 10, 1), (acknowledged, 10, 1));
        await ReconcileAsync(erp, (rechecked, 14), (acknowledged, 9));

        // The simulated ERP has no figure for the SKU yet: the re-check cannot clear it.
        var notYet = await RetryAsync(ops, $"drift:{rechecked}");
        Assert.False(notYet["succeeded"]!.GetValue<bool>());
        Assert.Equal(rechecked, notYet["sku"]!.GetValue<string>());
        Assert.Null(notYet["orderId"]);
        Assert.Single(await DriftsAsync(ops, rechecked));

        // The ERP books what the hub has: the re-check finds them agreeing and withdraws the exception.
        using var booked = await ops.PutAsJsonAsync($"/v1/simulation/erp/stock/{rechecked}", new { onHand = 10 });
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        var agreed = await RetryAsync(ops, $"drift:{rechecked}");
        Assert.True(agreed["succeeded"]!.GetValue<bool>(), agreed["detail"]!.GetValue<string>());
        Assert.Empty(await DriftsAsync(ops, rechecked));

        using var cancel = await ops.PostAsJsonAsync($"/v1/exceptions/drift:{acknowledged}/resolve", new { action = "cancel" });
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.EndsWith("/problems/resolution-not-allowed", (await Scenario.ReadObjectAsync(cancel))["type"]!.GetValue<string>(), StringComparison.Ordinal);
        using var skip = await ops.PostAsJsonAsync($"/v1/exceptions/drift:{acknowledged}/resolve", new { action = "skip", note = "ERP count is wrong; recount booked" });
        Assert.Equal(HttpStatusCode.NoContent, skip.StatusCode);
        Assert.Empty(await DriftsAsync(ops, acknowledged));
        using var again = await ops.PostAsJsonAsync($"/v1/exceptions/drift:{acknowledged}/resolve", new { action = "skip" });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(10, (await GetInventoryAsync(ops, acknowledged))["onHand"]!.GetValue<int>());
    }

    [Fact]
    public async Task BulkReplayOfInventoryDrift_RechecksEverySku_WithdrawsThoseThatAgreeNow()
    {
        using var erp = api.ClientWithKey(ApiFixture.ErpKey);
        using var ops = api.Operator();
        var (fixedInErp, stillOff) = (NewSku("BULKFIX"), NewSku("BULKOFF"));
        await SyncAsync(erp, (fixedInErp, 10, 1), (stillOff, 10, 1));
        await ReconcileAsync(erp, (fixedInErp, 11), (stillOff, 11));
        await BookInErpAsync(ops, (fixedInErp, 10), (stillOff, 11));

        using var started = await ops.PostAsJsonAsync("/v1/exceptions/retry", new { type = "InventoryDrift", maxConcurrency = 8 });

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = await Eventually.MatchesAsync(
            async () => await Scenario.ReadObjectAsync(await ops.GetAsync(started.Headers.Location)),
            body => body["completed"]!.GetValue<bool>(), "the bulk re-check finishing", TimeSpan.FromSeconds(30));
        var failure = job["failures"]!.AsArray().Single(item => item!["sku"]?.GetValue<string>() == stillOff)!;
        Assert.Equal($"drift:{stillOff}", failure["exceptionId"]!.GetValue<string>());
        Assert.Null(failure["orderId"]);
        Assert.Equal([stillOff], (await DriftsAsync(ops, fixedInErp, stillOff)).Select(item => item["sku"]!.GetValue<string>()));
    }

    [Fact]
    public async Task FromTheErp_ReadsItsSnapshot_ReportsTheSkusThatDiffer()
    {
        using var erp = api.ClientWithKey(ApiFixture.ErpKey);
        using var ops = api.Operator();
        var (drifting, agreeing, unknown) = (NewSku("PULL"), NewSku("PULL"), NewSku("PULL"));
        await SyncAsync(erp, (drifting, 20, 1), (agreeing, 10, 1));
        await BookInErpAsync(ops, (drifting, 30), (agreeing, 10), (unknown, 5));

        using var response = await erp.PostAsJsonAsync("/v1/inventory/reconciliations", new { source = "erp" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("erp", (await Scenario.ReadObjectAsync(response))["source"]!.GetValue<string>());
        var report = await Eventually.MatchesAsync(
            async () => await Scenario.ReadObjectAsync(await erp.GetAsync(response.Headers.Location)),
            body => body["status"]!.GetValue<string>() != "running", "the reconciliation finishing");
        Assert.Equal("completed", report["status"]!.GetValue<string>());
        Assert.True(report["checked"]!.GetValue<int>() >= 3);
        var ours = Lines(report).Where(line => new[] { drifting, agreeing, unknown }.Contains(line.Sku));
        Assert.Equal(
            new[] { (drifting, (int?)20, 30, -10, "missedErpUpdate"), (unknown, null, 5, -5, "unknownInHub") }.OrderBy(line => line.Item1, StringComparer.Ordinal),
            ours.OrderBy(line => line.Sku, StringComparer.Ordinal));
        Assert.Equal(2, (await DriftsAsync(ops, drifting, agreeing, unknown)).Count);
    }

    [Theory]
    [InlineData("{}", "positions")]
    [InlineData("{\"positions\":[],\"source\":null}", "positions")]
    [InlineData("{\"source\":\"wms\"}", "source")]
    [InlineData("{\"source\":\"erp\",\"positions\":[{\"sku\":\"A\",\"onHand\":1}]}", "source")]
    [InlineData("{\"positions\":[{\"sku\":\"A\",\"onHand\":1},{\"sku\":\"A\",\"onHand\":2}]}", "positions[1].sku")]
    [InlineData("{\"positions\":[{\"sku\":\"A\",\"onHand\":-1}]}", "positions[0].onHand")]
    [InlineData("{\"positions\":[{\"onHand\":1}]}", "positions[0].sku")]
    public async Task BadRequest_IsA400NamingTheField(string body, string field)
    {
        using var erp = api.ClientWithKey(ApiFixture.ErpKey);
        using var response = await erp.PostAsync("/v1/inventory/reconciliations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Scenario.ReadObjectAsync(response);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Fact]
    public async Task FiveThousandPositions_CheckedInOneRequest_MoreAreRefused()
    {
        using var erp = api.ClientWithKey(ApiFixture.ErpKey);
        var prefix = NewSku("BULKREC");
        var positions = Enumerable.Range(0, 5_001).Select(i => new { sku = $"{prefix}-{i}", onHand = 0 }).ToList();

        using var tooMany = await erp.PostAsJsonAsync("/v1/inventory/reconciliations", new { positions });
        using var most = await erp.PostAsJsonAsync("/v1/inventory/reconciliations", new { positions = positions.Take(5_000) });

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.Created, most.StatusCode);
        var report = await Scenario.ReadObjectAsync(most);
        Assert.Equal(5_000, report["checked"]!.GetValue<int>());
        // Unknown in the hub with nothing on hand in the ERP: reported, but a difference of 0 raises no exception.
        Assert.Equal(5_000, report["drifted"]!.GetValue<int>());
    }

    [Fact]
    public async Task Partners_MayNotReconcile_NorReadReports()
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var start = await scenario.Partner.PostAsJsonAsync("/v1/inventory/reconciliations", new { source = "erp" });
        using var read = await scenario.Partner.GetAsync("/v1/inventory/reconciliations/rec_x");
        using var missing = await scenario.Operator.GetAsync("/v1/inventory/reconciliations/rec_x");

        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.EndsWith("/problems/reconciliation-not-found", (await Scenario.ReadObjectAsync(missing))["type"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    internal static string NewSku(string kind) => $"{kind}-{Guid.NewGuid():N}"[..24];

    internal static async Task SyncAsync(HttpClient erp, params (string Sku, int OnHand, long Sequence)[] positions)
    {
        using var response = await erp.PostAsJsonAsync("/v1/inventory/sync", new
        {
            positions = positions.Select(position => new { sku = position.Sku, onHand = position.OnHand, erpSequence = position.Sequence, asOf = AsOf }),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(positions.Length, (await Scenario.ReadObjectAsync(response))["applied"]!.GetValue<int>());
    }

    internal static async Task BookInErpAsync(HttpClient ops, params (string Sku, int OnHand)[] positions)
    {
        foreach (var (sku, onHand) in positions)
        {
            using var response = await ops.PutAsJsonAsync($"/v1/simulation/erp/stock/{sku}", new { onHand });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    internal static async Task<JsonObject> GetInventoryAsync(HttpClient client, string sku)
    {
        using var response = await client.GetAsync($"/v1/inventory/{sku}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Scenario.ReadObjectAsync(response);
    }

    private static async Task ReconcileAsync(HttpClient erp, params (string Sku, int OnHand)[] positions)
    {
        using var response = await erp.PostAsJsonAsync("/v1/inventory/reconciliations", new
        {
            positions = positions.Select(position => new { sku = position.Sku, onHand = position.OnHand }),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task ShipAsync(Scenario scenario, string sku, int quantity)
    {
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody($"PO-{Guid.NewGuid():N}"[..12], (sku, quantity))))["orderId"]!.GetValue<string>();
        await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");
        using var shipped = await scenario.Operator.PostAsJsonAsync("/v1/shipments/events", new { orderId, milestone = "Shipped", carrier = "UPS", trackingNumber = "1Z1" });
        Assert.True(shipped.IsSuccessStatusCode, await shipped.Content.ReadAsStringAsync());
    }

    private static async Task<List<JsonObject>> DriftsAsync(HttpClient ops, params string[] skus)
    {
        using var response = await ops.GetAsync("/v1/exceptions?type=InventoryDrift");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Scenario.ReadObjectAsync(response))["items"]!.AsArray().Select(item => item!.AsObject())
            .Where(item => skus.Contains(item["sku"]?.GetValue<string>()))];
    }

    private static async Task<JsonObject> RetryAsync(HttpClient ops, string exceptionId)
    {
        using var response = await ops.PostAsync($"/v1/exceptions/{exceptionId}/retry", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await Scenario.ReadObjectAsync(response);
    }

    private static IEnumerable<(string Sku, int? HubOnHand, int ErpOnHand, int Difference, string Cause)> Lines(JsonObject report) =>
        report["lines"]!.AsArray().Select(line => (
            line!["sku"]!.GetValue<string>(),
            line["hubOnHand"]?.GetValue<int>(),
            line["erpOnHand"]!.GetValue<int>(),
            line["difference"]!.GetValue<int>(),
            line["cause"]!.GetValue<string>()));
}
