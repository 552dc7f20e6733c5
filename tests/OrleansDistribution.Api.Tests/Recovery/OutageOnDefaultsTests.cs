using System.Net;
using System.Net.Http.Json;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Recovery;

// Outages as an operator who changed no setting meets them (samples/ErpSimulator over HTTP, shipped defaults):
// the dependency's trouble is one incident, orders wait for it and go on by themselves, nobody retries by hand.

[Collection(DefaultsLostResponsesCollection.Name)]
public sealed class LostResponsesOnDefaultsTests(DefaultsHttpApiFixture api)
{
    [Fact]
    public async Task HalfTheResponsesLost_EveryOrderReleased_CommittedAndReleasedOnce_NoException()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var operatorClient = api.Operator();
        await api.Simulator.SetFaultsAsync(new { dropResponseRate = 0.5 });
        try
        {
            var orderIds = await Outage.SubmitAsync(scenario, 10);

            await Outage.AllReleasedUntouchedAsync(scenario, orderIds);

            var requests = 0;
            foreach (var orderId in orderIds)
            {
                var books = await api.Simulator.OrderAsync(orderId);
                Assert.Equal(1, books["commits"]!.GetValue<int>());
                Assert.Equal(1, books["releases"]!.GetValue<int>());
                requests += books["requests"]!.GetValue<int>();
            }

            Assert.True(requests > 2 * orderIds.Count, $"only {requests} requests for {orderIds.Count} orders: no response was lost");
            Assert.Empty(await Outage.OpenExceptionsAsync(operatorClient, scenario.PartnerId));
        }
        finally
        {
            await api.Simulator.SetFaultsAsync(new { });
        }
    }
}

[Collection(DefaultsOutageCollection.Name)]
public sealed class ErpOutageOnDefaultsTests(DefaultsHttpApiFixture api)
{
    [Fact]
    public async Task ErpDownFor30s_NoException_OneDegradedOneRecovered_AllReleasedAfterIt()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var operatorClient = api.Operator();
        await using var events = await Outage.DependencyEvents.OpenAsync(operatorClient);
        await api.Simulator.SetFaultsAsync(new { down = true, system = "erp" });
        List<string> orderIds;
        try
        {
            orderIds = await Outage.SubmitAsync(scenario, 10);
            await Eventually.HoldsAsync(() => events.Count("DependencyDegraded", "erp") == 1, "one DependencyDegraded for the ERP", TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(30));

            // Half a minute into the outage: nothing for a person to do, every order waits.
            Assert.Empty(await Outage.OpenExceptionsAsync(operatorClient, scenario.PartnerId));
            foreach (var orderId in orderIds)
            {
                Assert.Equal("Accepted", (await scenario.GetOrderAsync(orderId))["status"]!.GetValue<string>());
            }
        }
        finally
        {
            await api.Simulator.SetFaultsAsync(new { });
        }

        await Outage.AllReleasedUntouchedAsync(scenario, orderIds);
        await Eventually.HoldsAsync(() => events.Count("DependencyRecovered", "erp") == 1, "one DependencyRecovered for the ERP", TimeSpan.FromSeconds(30));
        Assert.Equal(1, events.Count("DependencyDegraded", "erp"));
        Assert.Empty(await Outage.OpenExceptionsAsync(operatorClient, scenario.PartnerId));
        foreach (var orderId in orderIds)
        {
            Assert.Equal(1, (await api.Simulator.OrderAsync(orderId))["commits"]!.GetValue<int>());
        }
    }
}

[Collection(ShortSlaOutageCollection.Name)]
public sealed class OutageLongerThanTheSlaTests(ShortSlaHttpApiFixture api)
{
    [Fact]
    public async Task ErpDownPastTheCommitSla_OneExceptionPerOrder_BulkReplayRightAfterRecoveryReleasesAll()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var operatorClient = api.Operator();
        await api.Simulator.SetFaultsAsync(new { down = true, system = "erp" });
        List<string> orderIds;
        try
        {
            orderIds = await Outage.SubmitAsync(scenario, 6);
            foreach (var orderId in orderIds)
            {
                var held = await scenario.WaitForStatusAsync(orderId, "OnHold", ShortSlaHttpApiFixture.ErpCommitWithin + TimeSpan.FromSeconds(45));
                Assert.Equal("ErpUnavailable", held["exception"]!["type"]!.GetValue<string>());
                Assert.Equal("erp-commit", held["exception"]!["step"]!.GetValue<string>());
            }

            var open = await Outage.OpenExceptionsAsync(operatorClient, scenario.PartnerId);
            Assert.Equal(orderIds.Order(), open.Select(item => item!["orderId"]!.GetValue<string>()).Order());
        }
        finally
        {
            await api.Simulator.SetFaultsAsync(new { });
        }

        // Right after recovery the circuit is still open (or half-open): the replays wait for the ERP instead of
        // failing into the same exception again.
        using var started = await operatorClient.PostAsJsonAsync("/v1/exceptions/retry", new { type = "ErpUnavailable", partnerId = scenario.PartnerId, maxConcurrency = 6 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = await Eventually.MatchesAsync(async () =>
        {
            using var response = await operatorClient.GetAsync(started.Headers.Location!.OriginalString);
            return await Scenario.ReadObjectAsync(response);
        }, job => job["completed"]!.GetValue<bool>(), "the bulk replay to complete", TimeSpan.FromSeconds(60));

        Assert.Equal(0, job["failed"]!.GetValue<int>());
        foreach (var orderId in orderIds)
        {
            await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse", Outage.SettleTimeout);
            Assert.Equal(1, (await api.Simulator.OrderAsync(orderId))["commits"]!.GetValue<int>());
        }

        Assert.Empty(await Outage.OpenExceptionsAsync(operatorClient, scenario.PartnerId));
    }
}
