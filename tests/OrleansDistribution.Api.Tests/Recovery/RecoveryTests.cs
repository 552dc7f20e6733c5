using OrleansDistribution.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Recovery;

/// <summary>Failures of the ERP and WMS are expected: each becomes a named exception operators can see, retry or resolve.</summary>
[Collection(RecoveryCollection.Name)]
public sealed class RecoveryTests(RecoveryApiFixture api) : FaultInjectionTests(api)
{
    [Fact]
    public async Task ErpDown_OrdersHeldErpUnavailable_BulkReplayAfterRecoveryReleasesAll()
    {
        using var scenario = await Scenario.CreateAsync(api);
        await Simulation.SetFaultsAsync(Operator, new { down = true, system = "erp" });
        var orderIds = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            orderIds.Add((await scenario.SubmitCreatedAsync(Scenario.OrderBody($"PO-{i}", (scenario.Skus[0], 1))))["orderId"]!.GetValue<string>());
        }

        foreach (var orderId in orderIds)
        {
            var held = await scenario.WaitForStatusAsync(orderId, "OnHold");
            Assert.Equal("ErpUnavailable", held["exception"]!["type"]!.GetValue<string>());
            Assert.True(held["exception"]!["attempts"]!.GetValue<int>() >= 1);
        }

        var listed = await ListAsync($"type=ErpUnavailable&partnerId={scenario.PartnerId}");
        Assert.Equal(5, listed["items"]!.AsArray().Count);
        Assert.Equal(5, listed["countByPartner"]![scenario.PartnerId]!.GetValue<int>());

        await Simulation.ClearFaultsAsync(Operator);
        using var started = await Operator.PostAsJsonAsync("/v1/exceptions/retry", new { type = "ErpUnavailable", partnerId = scenario.PartnerId, maxConcurrency = 2 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = await WaitForJobAsync(started.Headers.Location!.OriginalString);

        Assert.Equal(5, job["total"]!.GetValue<int>());
        Assert.Equal(5, job["succeeded"]!.GetValue<int>());
        Assert.Equal(0, job["failed"]!.GetValue<int>());
        foreach (var orderId in orderIds)
        {
            var released = await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");
            Assert.Contains(released["timeline"]!.AsArray(), e => e!["detail"]!.GetValue<string>().Contains("Retry of ErpUnavailable requested by operator", StringComparison.Ordinal));
            Assert.Equal(1, (await Simulation.OrderAsync(Operator, orderId))["commits"]!.GetValue<int>());
        }

        Assert.Empty((await ListAsync($"type=ErpUnavailable&partnerId={scenario.PartnerId}"))["items"]!.AsArray());
    }

    [Fact]
    public async Task SimulatedErpDown_ReadyDegraded_OneDependencyDegraded_ThenRecovered()
    {
        // The in-process simulation feeds the same circuit and health path as the HTTP adapters.
        using var scenario = await Scenario.CreateAsync(api);
        await using var events = await Outage.DependencyEvents.OpenAsync(Operator);
        await Simulation.SetFaultsAsync(Operator, new { down = true, system = "erp" });
        var orderIds = await Outage.SubmitAsync(scenario, 6);

        await Eventually.HoldsAsync(() => events.Count("DependencyDegraded", "erp") == 1, "one DependencyDegraded for the simulated ERP");
        using (var ready = await api.ClientWithKey(null).GetAsync("/health/ready"))
        {
            var report = await Scenario.ReadObjectAsync(ready);
            Assert.Equal("Degraded", report["status"]!.GetValue<string>());
            Assert.Contains("erp", report["checks"]!["dependencies"]!["description"]!.GetValue<string>());
        }

        await Simulation.ClearFaultsAsync(Operator);
        await Eventually.HoldsAsync(async () =>
        {
            // Held ones (the test-short SLA) are replayed as an operator would; the point here is the health path.
            foreach (var orderId in orderIds)
            {
                var order = await scenario.GetOrderAsync(orderId);
                if (order["exception"]?["exceptionId"]?.GetValue<string>() is { } exceptionId && order["status"]!.GetValue<string>() == "OnHold")
                {
                    using var _ = await Operator.PostAsync($"/v1/exceptions/{exceptionId}/retry", null);
                }
            }

            return events.Count("DependencyRecovered", "erp") == 1;
        }, "one DependencyRecovered for the simulated ERP", TimeSpan.FromSeconds(30));
        using var healthy = await api.ClientWithKey(null).GetAsync("/health/ready");
        Assert.Equal("Healthy", (await Scenario.ReadObjectAsync(healthy))["status"]!.GetValue<string>());
        Assert.Equal(1, events.Count("DependencyDegraded", "erp"));
    }

    [Fact]
    public async Task LostResponsesAndErrors_EveryOrderCommittedAndReleasedExactlyOnce()
    {
        using var scenario = await Scenario.CreateAsync(api);
        await Simulation.SetFaultsAsync(Operator, new { dropResponseRate = 0.5, errorRate = 0.2 });
        var orderIds = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            orderIds.Add((await scenario.SubmitCreatedAsync(Scenario.OrderBody($"PO-{i}", (scenario.Skus[i % 2], 1))))["orderId"]!.GetValue<string>());
        }

        foreach (var orderId in orderIds)
        {
            var order = await WaitForSettledAsync(scenario, orderId);
            if (order["status"]!.GetValue<string>() == "OnHold")
            {
                // Unlucky streak beyond the retry budget: an operator retry finishes it, still without a second commit.
                await Simulation.ClearFaultsAsync(Operator);
                using var retried = await Operator.PostAsync($"/v1/exceptions/{order["exception"]!["exceptionId"]}/retry", null);
                Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
                await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");
            }

            var books = await Simulation.OrderAsync(Operator, orderId);
            Assert.Equal(1, books["commits"]!.GetValue<int>());
            Assert.Equal(1, books["releases"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task ErpRejectsSku_HeldErpRejectedAfterOneAttempt_ResolveCancelReleasesStock()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 10);
        var blocked = scenario.Skus[1];
        await Simulation.SetFaultsAsync(Operator, new { rejectSkus = new[] { blocked } });
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 2), (blocked, 3))))["orderId"]!.GetValue<string>();

        var held = await scenario.WaitForStatusAsync(orderId, "OnHold");
        var exception = held["exception"]!;
        Assert.Equal("ErpRejected", exception["type"]!.GetValue<string>());
        Assert.Equal(1, exception["attempts"]!.GetValue<int>());
        Assert.Contains(blocked, exception["lastError"]!.GetValue<string>());
        Assert.Equal(1, (await Simulation.OrderAsync(Operator, orderId))["requests"]!.GetValue<int>());

        using var resolved = await Operator.PostAsJsonAsync($"/v1/exceptions/{exception["exceptionId"]}/resolve", new { action = "cancel", note = "SKU discontinued" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var order = await Scenario.ReadObjectAsync(resolved);
        Assert.Equal("Cancelled", order["status"]!.GetValue<string>());
        Assert.Contains(order["timeline"]!.AsArray(), e => e!["detail"]!.GetValue<string>() == "ErpRejected resolved by operator: cancel — SKU discontinued.");
        Assert.Equal(0, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
        Assert.Equal(0, (await scenario.GetInventoryAsync(blocked))["reserved"]!.GetValue<int>());
        Assert.Empty((await ListAsync($"type=ErpRejected&partnerId={scenario.PartnerId}"))["items"]!.AsArray());
    }

    [Fact]
    public async Task CancelAfterRelease_ErpAndWmsCancelledOnceEach_ReservationsReleased()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 10);
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 4))))["orderId"]!.GetValue<string>();
        await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");

        using var cancelled = await scenario.Partner.PostAsync($"/v1/orders/{orderId}/cancel", null);
        using var again = await scenario.Partner.PostAsync($"/v1/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var books = await Simulation.OrderAsync(Operator, orderId);
        Assert.Equal(1, books["erpCancels"]!.GetValue<int>());
        Assert.Equal(1, books["wmsCancels"]!.GetValue<int>());
        Assert.Equal(0, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task CancelWhileErpDown_202CompensationFailed_RetryAfterRecoveryCancels()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 10);
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 4))))["orderId"]!.GetValue<string>();
        await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");
        await Simulation.SetFaultsAsync(Operator, new { down = true, system = "erp" });

        using var pending = await scenario.Partner.PostAsync($"/v1/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        var held = await Scenario.ReadObjectAsync(pending);
        Assert.Equal("OnHold", held["status"]!.GetValue<string>());
        Assert.Equal("CompensationFailed", held["exception"]!["type"]!.GetValue<string>());
        Assert.Equal(4, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());

        await Simulation.ClearFaultsAsync(Operator);
        using var retried = await Operator.PostAsync($"/v1/exceptions/{held["exception"]!["exceptionId"]}/retry", null);
        var outcome = await Scenario.ReadObjectAsync(retried);
        Assert.True(outcome["succeeded"]!.GetValue<bool>(), outcome.ToJsonString());
        Assert.Equal("Cancelled", (await scenario.GetOrderAsync(orderId))["status"]!.GetValue<string>());
        var books = await Simulation.OrderAsync(Operator, orderId);
        Assert.Equal(1, books["wmsCancels"]!.GetValue<int>());
        Assert.Equal(1, books["erpCancels"]!.GetValue<int>());
        Assert.Equal(0, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task WarehouseDown_ResolveSkip_ContinuesAsReleasedByHand()
    {
        using var scenario = await Scenario.CreateAsync(api);
        await Simulation.SetFaultsAsync(Operator, new { down = true, system = "wms" });
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1))))["orderId"]!.GetValue<string>();
        var held = await scenario.WaitForStatusAsync(orderId, "OnHold");
        Assert.Equal("WarehouseUnavailable", held["exception"]!["type"]!.GetValue<string>());

        using var resolved = await Operator.PostAsJsonAsync($"/v1/exceptions/{held["exception"]!["exceptionId"]}/resolve", new { action = "skip", note = "released by phone" });

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var order = await Scenario.ReadObjectAsync(resolved);
        Assert.Equal("ReleasedToWarehouse", order["status"]!.GetValue<string>());
        Assert.Contains(order["timeline"]!.AsArray(), e => e!["detail"]!.GetValue<string>() == "WarehouseUnavailable resolved by operator: skip — released by phone.");
        Assert.Equal(0, (await Simulation.OrderAsync(Operator, orderId))["releases"]!.GetValue<int>());
    }

    [Fact]
    public async Task StockConstrained_RetryAfterRestock_AcceptedAndReleased()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 1);
        var held = await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 5)));
        Assert.Equal("StockConstrained", held["exception"]!["type"]!.GetValue<string>());
        var exceptionId = held["exception"]!["exceptionId"]!.GetValue<string>();

        using var tooEarly = await Operator.PostAsync($"/v1/exceptions/{exceptionId}/retry", null);
        Assert.False((await Scenario.ReadObjectAsync(tooEarly))["succeeded"]!.GetValue<bool>());
        await Scenario.SetStockAsync(Operator, scenario.Skus[0], 10);
        using var retried = await Operator.PostAsync($"/v1/exceptions/{exceptionId}/retry", null);

        Assert.True((await Scenario.ReadObjectAsync(retried))["succeeded"]!.GetValue<bool>());
        await scenario.WaitForStatusAsync(held["orderId"]!.GetValue<string>(), "ReleasedToWarehouse");
        Assert.Equal(5, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task ExceptionEndpoints_BadInput_ProblemDetails()
    {
        using var unknownType = await Operator.GetAsync("/v1/exceptions?type=Nope");
        using var unknownException = await Operator.PostAsync("/v1/exceptions/not-an-id/retry", null);
        using var badAction = await Operator.PostAsJsonAsync("/v1/exceptions/ord_x-x1/resolve", new { action = "explode" });
        using var badFaults = await Operator.PutAsJsonAsync("/v1/simulation/faults", new { errorRate = 2.0 });
        using var unknownJob = await Operator.GetAsync("/v1/replay-jobs/job_nope");

        await ProblemAssert.IsProblemAsync(unknownType, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(unknownException, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(badAction, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(badFaults, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(unknownJob, HttpStatusCode.NotFound);

        // A null list is "no SKUs", not a time bomb for the next order.
        using var nullSkus = await Operator.PutAsJsonAsync("/v1/simulation/faults", new { rejectSkus = (string[]?)null });
        Assert.Equal(HttpStatusCode.OK, nullSkus.StatusCode);
        Assert.Empty((await Scenario.ReadObjectAsync(nullSkus))["erp"]!["rejectSkus"]!.AsArray());
    }

    [Fact]
    public async Task CorrelationIdOfTheChannelRequest_ReachesTheErpAndWms()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1)), correlationId: "channel-req-42"))["orderId"]!.GetValue<string>();
        await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");

        var books = await Simulation.OrderAsync(Operator, orderId);

        Assert.Equal(["channel-req-42"], books["correlationIds"]!.AsArray().Select(id => id!.GetValue<string>()));
    }

    private async Task<JsonObject> ListAsync(string query)
    {
        using var response = await Operator.GetAsync($"/v1/exceptions?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Scenario.ReadObjectAsync(response);
    }

    private async Task<JsonObject> WaitForJobAsync(string location) =>
        await Eventually.MatchesAsync(async () =>
        {
            using var response = await Operator.GetAsync(location);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await Scenario.ReadObjectAsync(response);
        }, job => job["completed"]!.GetValue<bool>(), "the bulk replay to complete", TimeSpan.FromSeconds(30));

    private static async Task<JsonObject> WaitForSettledAsync(Scenario scenario, string orderId) =>
        await Eventually.MatchesAsync(() => scenario.GetOrderAsync(orderId),
            order => order["status"]!.GetValue<string>() is "ReleasedToWarehouse" or "OnHold", $"order {orderId} settling", TimeSpan.FromSeconds(30));
}
