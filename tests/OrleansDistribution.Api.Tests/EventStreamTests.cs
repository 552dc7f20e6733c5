using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class EventStreamTests(ApiFixture api)
{
    [Fact]
    public async Task EventStream_SubscribedPartner_ReceivesOwnOrderEventsOnly()
    {
        using var mine = await Scenario.CreateAsync(api);
        using var other = await Scenario.CreateAsync(api);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await SseReader.OpenAsync(mine.Partner, timeout.Token);

        var otherOrder = await other.SubmitCreatedAsync(Scenario.OrderBody("PO-other", (other.Skus[0], 1)));
        var order = await mine.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (mine.Skus[0], 1)), correlationId: "sse-corr");
        var orderId = order["orderId"]!.GetValue<string>();

        var received = new List<(string Event, JsonObject Data)>();
        await foreach (var sse in stream.ReadEventsAsync(timeout.Token))
        {
            if (sse.Event == "AvailabilityChanged")
            {
                // The partner's own promise of the SKU it ordered; another channel's never reaches it.
                Assert.Equal(mine.PartnerId, sse.Data["partnerId"]!.GetValue<string>());
                continue;
            }

            received.Add(sse);
            if (sse.Data["status"]?.GetValue<string>() == "ReleasedToWarehouse")
            {
                break;
            }
        }

        Assert.All(received, e => Assert.Equal(orderId, e.Data["orderId"]!.GetValue<string>()));
        Assert.DoesNotContain(received, e => e.Data["orderId"]!.GetValue<string>() == otherOrder["orderId"]!.GetValue<string>());
        var accepted = Assert.Single(received, e => e.Data["status"]!.GetValue<string>() == "Accepted");
        Assert.Equal("OrderStatusChanged", accepted.Event);
        Assert.Equal("sse-corr", accepted.Data["correlationId"]!.GetValue<string>());
        Assert.NotNull(accepted.Data["at"]);
    }

    [Fact]
    public async Task EventStream_PartnerSuspended_StreamEndsWithinSeconds()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await SseReader.OpenAsync(scenario.Partner, timeout.Token);

        using (var suspend = await scenario.Operator.PutAsJsonAsync($"/v1/partners/{scenario.PartnerId}/status", new { status = "Suspended" }))
        {
            Assert.True(suspend.IsSuccessStatusCode);
        }

        var ended = System.Diagnostics.Stopwatch.StartNew();
        await foreach (var _ in stream.ReadEventsAsync(timeout.Token))
        {
        }

        // Reaching here (not the 20 s timeout) means the server closed the stream.
        Assert.True(ended.Elapsed < TimeSpan.FromSeconds(5), $"stream ended {ended.Elapsed} after the suspension");
    }

    [Fact]
    public async Task EventStream_Operator_ReceivesInventoryChanges()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await SseReader.OpenAsync(scenario.Operator, timeout.Token);

        await Scenario.SetStockAsync(scenario.Operator, scenario.Skus[0], 77);

        await foreach (var (eventType, data) in stream.ReadEventsAsync(timeout.Token))
        {
            // Earlier changes of this SKU (the scenario's stocking) may still be in flight; wait for ours.
            if (eventType == "InventoryChanged" && data["sku"]?.GetValue<string>() == scenario.Skus[0] && data["onHand"]!.GetValue<int>() == 77)
            {
                Assert.Equal(77, data["available"]!.GetValue<int>());
                Assert.Equal("set", data["reason"]!.GetValue<string>());
                Assert.Equal("InStock", data["status"]!.GetValue<string>());
                Assert.NotNull(data["correlationId"]);
                Assert.NotNull(data["at"]);
                return;
            }
        }

        Assert.Fail("No InventoryChanged event arrived.");
    }
}
