using System.Net;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Feed;

[Collection(ApiCollection.Name)]
public sealed class FeedTests(ApiFixture api)
{
    private static readonly string[] Released = ["Accepted", "ErpCommitted", "ReleasedToWarehouse"];

    [Fact]
    public async Task Feed_PartnerReadsItsOrdersEventsInOrder_PagesWithoutGapsOrDuplicates()
    {
        using var mine = await Scenario.CreateAsync(api);
        using var other = await Scenario.CreateAsync(api);
        var orders = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            orders.Add((await mine.SubmitCreatedAsync(Scenario.OrderBody($"PO-feed-{i}", (mine.Skus[i % 2], 1)), correlationId: $"feed-{i}"))["orderId"]!.GetValue<string>());
        }

        var othersOrder = (await other.SubmitCreatedAsync(Scenario.OrderBody("PO-other", (other.Skus[0], 1))))["orderId"]!.GetValue<string>();
        await FeedPages.WaitForAsync(mine.Partner, orders[^1], Released);
        var feed = await Eventually.MatchesAsync(() => FeedPages.ReadAllAsync(mine.Partner),
            events => orders.All(order => FeedPages.StatusesOf(events, order).SequenceEqual(Released)), "every order released in the feed");

        FeedPages.AssertOrderedWithoutDuplicates(feed);
        Assert.All(feed, e => Assert.Equal(mine.PartnerId, e.Data["partnerId"]!.GetValue<string>()));
        Assert.Empty(FeedPages.StatusesOf(feed, othersOrder));
        var accepted = feed.First(e => e.Type == "OrderStatusChanged" && e.Data["orderId"]!.GetValue<string>() == orders[0]);
        Assert.Equal("feed-0", accepted.Data["correlationId"]!.GetValue<string>());
        Assert.Equal("Accepted", accepted.Data["status"]!.GetValue<string>());

        // Small pages give exactly the same sequence; the operator reads the same feed by naming the partner.
        Assert.Equal(feed.Select(e => e.Cursor), (await FeedPages.ReadAllAsync(mine.Partner, limit: 2)).Take(feed.Count).Select(e => e.Cursor));
        Assert.Equal(feed.Select(e => e.Cursor), (await FeedPages.ReadAllAsync(mine.Operator, partnerId: mine.PartnerId)).Take(feed.Count).Select(e => e.Cursor));
        var fromMiddle = await FeedPages.ReadAllAsync(mine.Partner, after: feed[2].Cursor);
        Assert.Equal(feed.Skip(3).Select(e => e.Cursor), fromMiddle.Take(feed.Count - 3).Select(e => e.Cursor));
    }

    [Fact]
    public async Task Feed_AtTheEnd_EmptyPageKeepsTheCursorAndStatesTheRetention()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var order = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-end", (scenario.Skus[0], 1))))["orderId"]!.GetValue<string>();
        var feed = await FeedPages.WaitForAsync(scenario.Partner, order, Released);

        using var response = await scenario.Partner.GetAsync($"/v1/feed?after={feed[^1].Cursor}");
        var page = await Scenario.ReadObjectAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page["events"]!.AsArray());
        Assert.Equal(feed[^1].Cursor, page["next"]!.GetValue<string>());
        Assert.Equal("P7D", page["retention"]!.GetValue<string>());
        Assert.Equal(scenario.PartnerId, page["partnerId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/feed?after=abc", "after")]
    [InlineData("/v1/feed?after=-1", "after")]
    [InlineData("/v1/feed?limit=0", "limit")]
    [InlineData("/v1/feed?limit=1001", "limit")]
    public async Task Feed_BadParameters_ValidationProblem(string path, string field)
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var response = await scenario.Partner.GetAsync(path);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, problem["errors"]!.AsObject().Select(error => error.Key));
    }

    [Fact]
    public async Task Feed_OperatorWithoutPartner_400_PartnerAskingForAnother_404()
    {
        using var mine = await Scenario.CreateAsync(api);
        using var other = await Scenario.CreateAsync(api);

        using var operatorAll = await mine.Operator.GetAsync("/v1/feed");
        using var probing = await mine.Partner.GetAsync($"/v1/feed?partnerId={other.PartnerId}");
        using var own = await mine.Partner.GetAsync($"/v1/feed?partnerId={mine.PartnerId}");

        Assert.Contains("partnerId", (await ProblemAssert.IsProblemAsync(operatorAll, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
        await ProblemAssert.IsProblemAsync(probing, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}
