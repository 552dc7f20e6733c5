using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;
namespace OrleansDistribution.Api.Tests.Durability;

public sealed class EmbeddedRestartTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"odtest-embedded-{Guid.NewGuid():N}");

    [Fact]
    public async Task EmbeddedApi_KilledRightAfter201_EverythingThereAndPendingOrderResumes()
    {
        var settings = RestartScenario.WorkflowSettings();
        settings["Distribution:Storage"] = "Embedded";
        settings["Distribution:DataDirectory"] = _dataDirectory;

        await RestartScenario.RunAsync(settings);

        Assert.True(File.Exists(Path.Combine(_dataDirectory, "distribution.db")));
    }

    [Fact]
    public async Task EmbeddedApi_KilledUnderLoad_NoClientRetry_ReservedSettlesToLiveOrdersAfterRestart()
    {
        // Acceptances cut by kill -9 must not leave stock reserved for orders that never got recorded: after the
        // restart the SKU resolves its in-doubt operations by itself (InDoubtTimeout), nobody resubmits.
        var settings = RestartScenario.WorkflowSettings();
        settings["Distribution:Storage"] = "Embedded";
        settings["Distribution:DataDirectory"] = _dataDirectory;
        Scenario scenario;
        var keys = Enumerable.Range(0, 80).Select(_ => Guid.NewGuid().ToString()).ToList();
        await using (var first = await ApiProcess.StartAsync(settings))
        {
            scenario = await Scenario.CreateAsync(first, stock: 10_000, skuCount: 1);
            var created = 0;
            var submissions = keys.Select(async (key, i) =>
            {
                await Task.Delay(i * 10);
                try
                {
                    using var response = await scenario.SubmitAsync(Scenario.OrderBody($"PO-{i}", (scenario.Skus[0], 2)), key);
                    if (response.StatusCode == System.Net.HttpStatusCode.Created)
                    {
                        Interlocked.Increment(ref created);
                    }

                    return (int)response.StatusCode;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    return 0;
                }
            }).ToList();
            // Kill in the middle of the load: some orders answered, others in flight.
            await Eventually.HoldsAsync(() => Volatile.Read(ref created) >= 10, "ten orders created before the kill", TimeSpan.FromSeconds(30));
            await first.KillAsync();
            var statuses = await Task.WhenAll(submissions);
            Assert.Contains(statuses, status => status != 201);
        }

        await using var second = await ApiProcess.StartAsync(settings);
        using var again = scenario.On(second);
        var settled = await Eventually.MatchesAsync(async () =>
        {
            var live = 0;
            foreach (var key in keys)
            {
                using var order = await again.Operator.GetAsync($"/v1/orders/{OrleansDistribution.Abstractions.Orders.OrderIds.For(again.PartnerId, key)}");
                if (order.StatusCode == System.Net.HttpStatusCode.OK)
                {
                    live += 2;
                }
            }

            return (Reserved: (await again.GetInventoryAsync(again.Skus[0]))["reserved"]!.GetValue<int>(), Live: live);
        }, state => state.Reserved == state.Live, "reserved stock equal to the recorded orders' reservations", TimeSpan.FromSeconds(60));
        Assert.True(settled.Live > 0, "no order was recorded before the kill");

        // Nothing recorded is missing from the partner's feed, nothing is in it twice, and per order the feed says
        // what its timeline says, in order (the feed is written in the same transaction as each transition).
        var recorded = new List<string>();
        foreach (var key in keys)
        {
            var orderId = OrleansDistribution.Abstractions.Orders.OrderIds.For(again.PartnerId, key);
            using var order = await again.Operator.GetAsync($"/v1/orders/{orderId}");
            if (order.StatusCode == System.Net.HttpStatusCode.OK)
            {
                recorded.Add(orderId);
            }
        }

        await Eventually.HoldsAsync(async () =>
        {
            var feed = await FeedPages.ReadAllAsync(again.Partner);
            FeedPages.AssertOrderedWithoutDuplicates(feed);
            foreach (var orderId in recorded)
            {
                var timeline = (await again.GetOrderAsync(orderId, again.Operator))["timeline"]!.AsArray().Select(entry => entry!["status"]!.GetValue<string>());
                if (!FeedPages.StatusesOf(feed, orderId).SequenceEqual(timeline))
                {
                    return false;
                }
            }

            return true;
        }, "every recorded order's timeline in the feed, once and in order", TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
