using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Durability;

/// <summary>
/// What a channel was told must survive a crash: run against a storage mode, kill the API silo with
/// SIGKILL right after a 201, start it again on the same storage and check everything is still there.
/// </summary>
public static class RestartScenario
{
    /// <summary>
    /// Workflow timings that leave the second order pending at the kill; resumption after the restart runs on the
    /// defaults (a 1-minute resume period, a sweep every 10 s), which must bring it back within seconds.
    /// </summary>
    /// <remarks>
    /// The restarted silo reuses the silo port, as a restarted container or service does: Orleans then sees
    /// a newer generation at the same endpoint and retires the killed one at once instead of probing it.
    /// </remarks>
    public static Dictionary<string, string> WorkflowSettings() => new()
    {
        ["Distribution:Cluster:SiloPort"] = ChildProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Distribution:Cluster:GatewayPort"] = ChildProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Distribution:Workflow:FirstStepDelay"] = "00:00:01.500",
        ["Distribution:Simulation:MinLatencyMs"] = "1",
        ["Distribution:Simulation:MaxLatencyMs"] = "5",
    };

    public static async Task RunAsync(IReadOnlyDictionary<string, string> settings)
    {
        Scenario scenario;
        string releasedOrderId;
        string pendingOrderId;
        string pendingKey = Guid.NewGuid().ToString();
        object pendingBody;

        await using (var first = await ApiProcess.StartAsync(settings))
        {
            scenario = await Scenario.CreateAsync(first, stock: 20, skuCount: 2, unitPrice: 4.25m);
            releasedOrderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-before", (scenario.Skus[0], 2)), correlationId: "before-crash"))["orderId"]!.GetValue<string>();
            await scenario.WaitForStatusAsync(releasedOrderId, "ReleasedToWarehouse");

            pendingBody = Scenario.OrderBody("PO-at-crash", (scenario.Skus[0], 3), (scenario.Skus[1], 1));
            var pending = await scenario.SubmitCreatedAsync(pendingBody, pendingKey);
            pendingOrderId = pending["orderId"]!.GetValue<string>();
            Assert.Equal("Accepted", pending["status"]!.GetValue<string>());
            await first.KillAsync();
        }

        var restarted = System.Diagnostics.Stopwatch.StartNew();
        await using var second = await ApiProcess.StartAsync(settings);
        using var again = scenario.On(second);

        // The partner, its hashed key and its contract survived: the old key still authenticates.
        using var partner = await again.Operator.GetAsync($"/v1/partners/{again.PartnerId}");
        Assert.Equal(HttpStatusCode.OK, partner.StatusCode);
        Assert.Equal("v1", (await Scenario.ReadObjectAsync(partner))["priceListVersion"]!.GetValue<string>());

        // The order accepted right before the kill resumes on its own, without anyone touching it, within seconds: the
        // sweeper's first sweep after the restart finds it in the pending-work index.
        await again.WaitForStatusAsync(pendingOrderId, "ReleasedToWarehouse", TimeSpan.FromSeconds(40));
        Assert.True(restarted.Elapsed < TimeSpan.FromSeconds(20), $"the cut-off order resumed {restarted.Elapsed} after the restart began");

        // The idempotency record survived: a resubmission replays the pre-crash answer.
        using (var replay = await again.SubmitAsync(pendingBody, pendingKey))
        {
            Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
            Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
            Assert.Equal(pendingOrderId, (await Scenario.ReadObjectAsync(replay))["orderId"]!.GetValue<string>());
        }

        // The partner's feed survived the kill as the orders did: each status exactly once, in order, and the order
        // cut off by the kill continued in it after the restart.
        var feed = await FeedPages.WaitForAsync(again.Partner, pendingOrderId, "Accepted", "ErpCommitted", "ReleasedToWarehouse");
        FeedPages.AssertOrderedWithoutDuplicates(feed);
        Assert.Equal(["Accepted", "ErpCommitted", "ReleasedToWarehouse"], FeedPages.StatusesOf(feed, releasedOrderId));
        Assert.True(feed.FindIndex(e => e.Data["orderId"]?.GetValue<string>() == releasedOrderId) < feed.FindIndex(e => e.Data["orderId"]?.GetValue<string>() == pendingOrderId));

        var released = await again.GetOrderAsync(releasedOrderId);
        Assert.Equal(["Accepted", "ErpCommitted", "ReleasedToWarehouse"],
            released["timeline"]!.AsArray().Select(entry => entry!["status"]!.GetValue<string>()));
        Assert.All(released["timeline"]!.AsArray(), entry => Assert.Equal("before-crash", entry!["correlationId"]!.GetValue<string>()));
        Assert.Equal(8.50m, released["total"]!.GetValue<decimal>());

        var sku0 = await again.GetInventoryAsync(again.Skus[0]);
        Assert.Equal(20, sku0["onHand"]!.GetValue<int>());
        Assert.Equal(5, sku0["reserved"]!.GetValue<int>());
        Assert.Equal(1, (await again.GetInventoryAsync(again.Skus[1]))["reserved"]!.GetValue<int>());

        // And the restarted silo keeps working: the same key with a new body is still refused, a new order is accepted.
        using var mismatch = await again.SubmitAsync(Scenario.OrderBody("PO-other", (again.Skus[0], 9)), pendingKey);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch.StatusCode);
        await again.SubmitCreatedAsync(Scenario.OrderBody("PO-after", (again.Skus[1], 1)));
    }
}
