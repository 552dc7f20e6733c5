using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

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

    [Fact]
    public async Task EventStream_ReconnectWithLastEventId_ReplaysExactlyTheMissedEventsThenGoesLive()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 1_000);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string lastSeen;
        using (var first = await SseReader.OpenAsync(scenario.Partner, timeout.Token))
        {
            await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-before", (scenario.Skus[0], 1)));
            var (_, id, _) = await first.ReadFramesAsync(timeout.Token).FirstAsync(timeout.Token);
            lastSeen = id!;
        }

        // Disconnected: at least 50 events happen (17 orders, each Accepted, ErpCommitted, ReleasedToWarehouse).
        var missedOrders = new List<string>();
        for (var i = 0; i < 17; i++)
        {
            missedOrders.Add((await scenario.SubmitCreatedAsync(Scenario.OrderBody($"PO-missed-{i}", (scenario.Skus[i % 2], 1))))["orderId"]!.GetValue<string>());
        }

        var missed = await Eventually.MatchesAsync(() => FeedPages.ReadAllAsync(scenario.Partner, after: lastSeen),
            feed => missedOrders.All(order => FeedPages.StatusesOf(feed, order).Count == 3), "the missed orders released");
        Assert.True(missed.Count >= 50, $"{missed.Count} events missed");

        using var again = await SseReader.OpenAsync(scenario.Partner, timeout.Token, lastEventId: lastSeen);
        Assert.Equal(lastSeen, again.StartId);
        var replayed = new List<(string Event, string? Id, System.Text.Json.Nodes.JsonObject Data)>();
        await using var frames = again.ReadFramesAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        while (replayed.Count < missed.Count && await frames.MoveNextAsync())
        {
            replayed.Add(frames.Current);
        }

        // Exactly the missed events, in feed order, each with its cursor as the SSE id: no gap, no duplicate.
        Assert.Equal(missed.Select(e => e.Cursor), replayed.Select(e => e.Id));
        Assert.Equal(missed.Select(e => e.EventId), replayed.Select(e => e.Data["eventId"]!.GetValue<string>()));
        Assert.Equal(missed.Select(e => e.Type), replayed.Select(e => e.Event));

        // Then live: a new order's acceptance arrives on the same connection, after the replayed ones.
        var live = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-live", (scenario.Skus[0], 1))))["orderId"]!.GetValue<string>();
        while (await frames.MoveNextAsync())
        {
            var frame = frames.Current;
            Assert.True(System.Numerics.BigInteger.Parse(frame.Id!, System.Globalization.CultureInfo.InvariantCulture) > missed[^1].Position);
            if (frame.Event == "OrderStatusChanged" && frame.Data["orderId"]!.GetValue<string>() == live)
            {
                Assert.Equal("Accepted", frame.Data["status"]!.GetValue<string>());
                return;
            }
        }

        Assert.Fail("the live order's event never arrived");
    }

    [Fact]
    public async Task EventStream_AfterQueryOrBadCursor_ResumesOrRefuses()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var order = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-q", (scenario.Skus[0], 1))))["orderId"]!.GetValue<string>();
        var feed = await FeedPages.WaitForAsync(scenario.Partner, order, "Accepted", "ErpCommitted", "ReleasedToWarehouse");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using (var resumed = await SseReader.OpenAsync(scenario.Partner, timeout.Token, $"/v1/events/stream?after={feed[0].Cursor}"))
        {
            var next = await resumed.ReadFramesAsync(timeout.Token).FirstAsync(timeout.Token);
            Assert.Equal(feed[1].Cursor, next.Id);
        }

        using var bad = await scenario.Partner.GetAsync("/v1/events/stream?after=not-a-cursor");
        await ProblemAssert.IsProblemAsync(bad, System.Net.HttpStatusCode.BadRequest);
        using var badHeader = new HttpRequestMessage(HttpMethod.Get, "/v1/events/stream");
        badHeader.Headers.Add("Last-Event-ID", "xyz");
        using var refused = await scenario.Partner.SendAsync(badHeader);
        await ProblemAssert.IsProblemAsync(refused, System.Net.HttpStatusCode.BadRequest);
        using var operatorResume = await scenario.Operator.GetAsync($"/v1/events/stream?after={feed[0].Cursor}");
        await ProblemAssert.IsProblemAsync(operatorResume, System.Net.HttpStatusCode.BadRequest);
    }
}
