using System.Net;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Feed;

public sealed class FeedRetentionTests
{
    [Fact]
    public async Task Feed_CursorOlderThanTheRetention_410StatingIt_FromTheStartStillReads()
    {
        await using var api = new ConfiguredApiFixture(new Dictionary<string, string>
        {
            ["Distribution:Feed:Retention"] = "00:00:02",
            ["Distribution:Storage:ExpirySweepPeriod"] = "00:00:00.500",
        });
        await api.InitializeAsync();
        using var scenario = await Scenario.CreateAsync(api);
        var first = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-old", (scenario.Skus[0], 1))))["orderId"]!.GetValue<string>();
        var old = await FeedPages.WaitForAsync(scenario.Partner, first, "Accepted", "ErpCommitted", "ReleasedToWarehouse");

        // Past the retention the sweep deletes the old events; a reader that saw only the first one missed the rest.
        await Eventually.MatchesAsync(() => FeedPages.ReadAllAsync(scenario.Partner), feed => feed.Count == 0, "the old events deleted by the retention sweep");
        using var behind = await scenario.Partner.GetAsync($"/v1/feed?after={old[0].Cursor}");
        var problem = await ProblemAssert.IsProblemAsync(behind, HttpStatusCode.Gone);

        Assert.EndsWith("/problems/cursor-expired", problem["type"]!.GetValue<string>());
        Assert.Equal("PT2S", problem["retention"]!.GetValue<string>());
        Assert.Contains("PT2S", problem["detail"]!.GetValue<string>());

        // The same cursor on the stream is refused the same way, before any event is sent.
        using var stream = await scenario.Partner.GetAsync($"/v1/events/stream?after={old[0].Cursor}");
        await ProblemAssert.IsProblemAsync(stream, HttpStatusCode.Gone);
    }
}
