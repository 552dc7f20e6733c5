using OrleansDistribution.Abstractions.Webhooks;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Grains.Tests.Webhooks;

/// <summary>
/// An endpoint with a backlog delivers it in one poll turn, batch after batch, instead of MaxDeliveriesPerPoll per
/// poll interval. The grains' clock is fake and moved for one poll only, so any event left for a later poll would
/// never arrive; the poll interval is long (10 s) so the turn's real-time budget is never what stops it.
/// </summary>
public sealed class WebhookBacklogTests() : WebhookClusterTest(new Dictionary<string, string?>
{
    ["Distribution:Webhooks:PollInterval"] = "00:00:10",
    ["Distribution:Webhooks:MaxDeliveriesPerPoll"] = "20",
})
{
    private const int Backlog = 100;

    [Fact]
    public async Task HundredEventsBehind_AllDeliveredInOrderByOnePoll()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var partnerId = NewPartner();
        await Cluster.Client.GetGrain<IPartnerWebhooksGrain>(partnerId)
            .RegisterAsync(new WebhookSubscription(receiver.Url, [WebhookEventTypes.OrderStatusChanged]));
        var events = Enumerable.Range(0, Backlog).Select(i => Feed.Append(partnerId, OrderEvent(partnerId, $"o{i}"))).ToList();

        // One poll interval on the clock, then only real time.
        Clock.Advance(TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(() => receiver.Accepted.Count >= Backlog, $"{Backlog} deliveries after one poll", TimeSpan.FromSeconds(20));

        Assert.Equal(events.Select(e => e.Event.EventId), receiver.Accepted.Select(r => r.Id!));
    }
}
