using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Abstractions.Webhooks;
using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Grains.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Grains.Tests.Webhooks;

/// <summary>
/// An endpoint with a backlog delivers it in one poll turn, batch after batch, instead of MaxDeliveriesPerPoll per
/// poll interval. The grains' clock is fake and moved for one poll only, so any event left for a later poll would
/// never arrive; the poll interval is long (10 s) so the turn's real-time budget is never what stops it.
/// </summary>
public sealed class WebhookBacklogTests : IAsyncLifetime
{
    private const int Backlog = 100;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly InMemoryPartnerFeed _feed = new();
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await ClusterFixture.DeployAsync(1,
        new Dictionary<string, string?>
        {
            ["Distribution:Webhooks:AllowPrivateNetworks"] = "true",
            ["Distribution:Webhooks:PollInterval"] = "00:00:10",
            ["Distribution:Webhooks:MaxDeliveriesPerPoll"] = "20",
        },
        silo =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, _clock);
            silo.Services.AddSingleton<IPartnerFeed>(_feed);
        });

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task HundredEventsBehind_AllDeliveredInOrderByOnePoll()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var partnerId = $"p-{Guid.NewGuid():N}"[..14];
        await _cluster.Client.GetGrain<IPartnerWebhooksGrain>(partnerId)
            .RegisterAsync(new WebhookSubscription(receiver.Url, [WebhookEventTypes.OrderStatusChanged]));
        var events = Enumerable.Range(0, Backlog).Select(i => _feed.Append(partnerId, new OrderStatusChanged
        {
            EventId = Guid.NewGuid().ToString(),
            At = _clock.GetUtcNow(),
            CorrelationId = $"corr-{i}",
            OrderId = $"o{i}",
            PartnerId = partnerId,
            Status = OrderStatus.Accepted,
            Detail = "accepted",
        })).ToList();

        // One poll interval on the clock, then only real time.
        _clock.Advance(TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(() => receiver.Accepted.Count >= Backlog, $"{Backlog} deliveries after one poll", TimeSpan.FromSeconds(20));

        Assert.Equal(events.Select(e => e.Event.EventId), receiver.Accepted.Select(r => r.Id!));
    }
}
