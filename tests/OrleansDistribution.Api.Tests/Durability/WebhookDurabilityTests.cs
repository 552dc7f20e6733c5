using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Durability;

/// <summary>
/// Webhook delivery across a kill -9 of the API silo on the embedded default (SQLite): the receiver is slow, so
/// deliveries are in flight when the process dies. After the restart every status change of every order reaches the
/// receiver, per order in order, and whatever arrives twice is a redelivery of the same webhook-id with the same body.
/// </summary>
public sealed class WebhookDurabilityTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"odtest-webhooks-{Guid.NewGuid():N}");

    [Fact]
    public async Task EmbeddedApi_KilledMidDelivery_NothingMissingAfterRestart_OrderKept_DuplicatesOnlySameWebhookId()
    {
        var settings = RestartScenario.WorkflowSettings();
        settings["Distribution:Storage"] = "Embedded";
        settings["Distribution:DataDirectory"] = _dataDirectory;
        settings["Distribution:Workflow:FirstStepDelay"] = "00:00:00.050";
        foreach (var (key, value) in WebhooksApiFixture.Webhooks())
        {
            settings[key] = value;
        }

        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(150);
        Scenario scenario;
        var orderIds = new List<string>();
        await using (var first = await ApiProcess.StartAsync(settings))
        {
            scenario = await Scenario.CreateAsync(first, stock: 1000, skuCount: 1);
            using var created = await scenario.Partner.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url, events = new[] { "OrderStatusChanged" } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            for (var i = 0; i < 8; i++)
            {
                orderIds.Add((await scenario.SubmitCreatedAsync(Scenario.OrderBody($"PO-{i}", (scenario.Skus[0], 1))))["orderId"]!.GetValue<string>());
            }

            // Some delivered, the rest still to go (3 changes per order, 150 ms each): kill in the middle.
            await Eventually.HoldsAsync(() => receiver.Received.Count >= 4, "a few deliveries before the kill", TimeSpan.FromSeconds(30));
            await first.KillAsync();
        }

        var beforeRestart = receiver.Accepted.Count;
        Assert.True(beforeRestart < orderIds.Count * 3, "everything was delivered before the kill; nothing was in flight");
        await using var second = await ApiProcess.StartAsync(settings);
        using var again = scenario.On(second);
        foreach (var orderId in orderIds)
        {
            await again.WaitForStatusAsync(orderId, "ReleasedToWarehouse", TimeSpan.FromSeconds(60));
        }

        receiver.Delay = TimeSpan.Zero;
        string[] lifecycle = ["Accepted", "ErpCommitted", "ReleasedToWarehouse"];
        await Eventually.HoldsAsync(() => orderIds.All(orderId => StatusesOf(receiver, orderId).SequenceEqual(lifecycle)),
            "every order's three status changes delivered, in order", TimeSpan.FromSeconds(60));

        // Duplicates are redeliveries: the same webhook-id always carries the same event.
        foreach (var delivery in receiver.Accepted.GroupBy(r => r.Id!))
        {
            Assert.Single(delivery.Select(r => (string?)JsonNode.Parse(r.Body)!["data"]!.ToJsonString()).Distinct());
        }

        // In order: the first delivery of each event follows the feed, so per order Accepted came before ErpCommitted etc.
        // (StatusesOf reads first deliveries in arrival order, which the lifecycle check above already holds).
        Assert.Equal(orderIds.Count * 3, receiver.Accepted.Select(r => r.Id!).Distinct().Count());
    }

    /// <summary>The statuses of an order's first deliveries, in arrival order.</summary>
    private static List<string> StatusesOf(WebhookReceiver receiver, string orderId) =>
    [
        .. receiver.Accepted
            .DistinctBy(r => r.Id)
            .Select(r => JsonNode.Parse(r.Body)!["data"]!)
            .Where(data => data["orderId"]!.GetValue<string>() == orderId)
            .Select(data => data["status"]!.GetValue<string>()),
    ];

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
