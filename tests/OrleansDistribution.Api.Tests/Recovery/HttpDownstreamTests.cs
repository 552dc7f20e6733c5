using System.Net;
using System.Net.Http.Json;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Recovery;

/// <summary>The real HTTP adapters against samples/ErpSimulator: lost responses, timeouts, outages, correlation.</summary>
[Collection(HttpDownstreamCollection.Name)]
public sealed class HttpDownstreamTests(HttpDownstreamApiFixture api) : IAsyncLifetime
{
    private readonly HttpClient _operator = api.Operator();

    public async ValueTask InitializeAsync() => await api.Simulator.SetFaultsAsync(new { });

    public async ValueTask DisposeAsync()
    {
        await api.Simulator.SetFaultsAsync(new { });
        _operator.Dispose();
    }

    [Fact]
    public async Task LostResponses_EveryOrderCommittedExactlyOnceInTheErp_NoneStuck()
    {
        using var scenario = await Scenario.CreateAsync(api);
        await api.Simulator.SetFaultsAsync(new { dropResponseRate = 0.5 });
        var orderIds = await Outage.SubmitAsync(scenario, 10);

        await SettleAsync(scenario, orderIds);

        foreach (var orderId in orderIds)
        {
            var books = await api.Simulator.OrderAsync(orderId);
            Assert.Equal(1, books["commits"]!.GetValue<int>());
            Assert.Equal(1, books["releases"]!.GetValue<int>());
        }

        // Lost responses really happened: the simulator saw more requests than it performed effects.
        var requests = 0;
        foreach (var orderId in orderIds)
        {
            requests += (await api.Simulator.OrderAsync(orderId))["requests"]!.GetValue<int>();
        }

        Assert.True(requests > 2 * orderIds.Count, $"only {requests} requests for {orderIds.Count} orders: no response was lost");
    }

    [Fact]
    public async Task Timeouts_SlowErpCommitsOnceEvenThoughTheCallerGaveUp()
    {
        using var scenario = await Scenario.CreateAsync(api);
        // Slower than the 500 ms attempt timeout: every attempt times out, yet the ERP performs the first commit.
        await api.Simulator.SetFaultsAsync(new { latencyMs = 800, system = "erp" });
        var orderIds = await Outage.SubmitAsync(scenario, 3);
        foreach (var orderId in orderIds)
        {
            var held = await scenario.WaitForStatusAsync(orderId, "OnHold", TimeSpan.FromSeconds(30));
            Assert.Equal("ErpUnavailable", held["exception"]!["type"]!.GetValue<string>());
        }

        await api.Simulator.SetFaultsAsync(new { });
        await SettleAsync(scenario, orderIds);

        foreach (var orderId in orderIds)
        {
            Assert.Equal(1, (await api.Simulator.OrderAsync(orderId))["commits"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task ErpOutage_CircuitOpens_OneDependencyDegraded_ThenOneDependencyRecovered()
    {
        using var scenario = await Scenario.CreateAsync(api);
        await using var events = await Outage.DependencyEvents.OpenAsync(_operator);

        await api.Simulator.SetFaultsAsync(new { down = true, system = "erp" });
        var orderIds = await Outage.SubmitAsync(scenario, 4);
        await Eventually.HoldsAsync(() => events.Count("DependencyDegraded", "erp") == 1, "one DependencyDegraded for the ERP", TimeSpan.FromSeconds(30));
        using (var ready = await api.ClientWithKey(null).GetAsync("/health/ready"))
        {
            var report = await Scenario.ReadObjectAsync(ready);
            Assert.Equal("Degraded", report["status"]!.GetValue<string>());
            Assert.Equal("Degraded", report["checks"]!["dependencies"]!["status"]!.GetValue<string>());
            Assert.Contains("erp", report["checks"]!["dependencies"]!["description"]!.GetValue<string>());
        }

        await api.Simulator.SetFaultsAsync(new { });
        await SettleAsync(scenario, orderIds);
        await Eventually.HoldsAsync(() => events.Count("DependencyRecovered", "erp") == 1, "one DependencyRecovered for the ERP", TimeSpan.FromSeconds(30));

        // One incident for the ERP, none for the warehouse that stayed up.
        Assert.Equal(1, events.Count("DependencyDegraded", "erp"));
        Assert.Equal(0, events.Count("DependencyDegraded", "wms"));
        using var healthy = await api.ClientWithKey(null).GetAsync("/health/ready");
        Assert.Equal("Healthy", (await Scenario.ReadObjectAsync(healthy))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CorrelationIdOfTheChannelRequest_ArrivesInTheSimulatorsHeaders()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var correlationId = $"edi-{Guid.NewGuid():N}";
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1)), correlationId: correlationId))["orderId"]!.GetValue<string>();
        await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");

        var books = await api.Simulator.OrderAsync(orderId);

        Assert.Equal([correlationId], books["correlationIds"]!.AsArray().Select(id => id!.GetValue<string>()));
        // And the outbound calls are spans of the channel request's trace.
        var spans = api.ExportedSpans.ToArray().Where(s => s is not null && s.GetTagItem("correlation.id") as string == correlationId).ToList();
        var request = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore");
        var outbound = spans.Where(s => s.Kind == System.Diagnostics.ActivityKind.Client && s.Source.Name == "System.Net.Http").ToList();
        Assert.True(outbound.Count >= 2, $"expected the ERP commit and WMS release calls, got {outbound.Count}");
        Assert.All(outbound, s => Assert.Equal(request.TraceId, s.TraceId));
    }

    /// <summary>Waits for each order to reach the warehouse, retrying (as an operator would) any that went on hold.</summary>
    private async Task SettleAsync(Scenario scenario, IEnumerable<string> orderIds)
    {
        foreach (var orderId in orderIds)
        {
            await Eventually.MatchesAsync(async () =>
            {
                var order = await scenario.GetOrderAsync(orderId);
                if (order["status"]!.GetValue<string>() == "OnHold")
                {
                    using var retried = await _operator.PostAsync($"/v1/exceptions/{order["exception"]!["exceptionId"]}/retry", null);
                    Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
                }

                return order;
            }, order => order["status"]!.GetValue<string>() == "ReleasedToWarehouse", $"order {orderId} released", TimeSpan.FromSeconds(45));
        }
    }
}
