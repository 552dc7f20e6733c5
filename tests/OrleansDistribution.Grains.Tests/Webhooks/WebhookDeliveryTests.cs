using System.Globalization;
using System.Text.Json.Nodes;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Webhooks;
using OrleansDistribution.Grains.Feed;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Grains.Tests.Webhooks;

/// <summary>
/// Webhook delivery with the default retry schedule (5 s doubling to 1 h, for 24 h) on a fake clock shared by the
/// grains and their timers, against real HTTP receivers and a feed the test writes. Its own one-silo cluster: the
/// shared one runs on the real clock. The endpoints' circuits (Polly, real time) break for a second only, so a test
/// never waits long for a half-open probe.
/// </summary>
public sealed class WebhookDeliveryTests() : WebhookClusterTest(new Dictionary<string, string?>
{
    ["Distribution:Webhooks:CircuitBreakDuration"] = "00:00:01",
})
{
    [Fact]
    public async Task ReceiverFailingForTwoMinutes_GetsEveryEventInOrderOnceItRecovers_FromRegistrationOn()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var down = Clock.GetUtcNow() + TimeSpan.FromMinutes(2);
        receiver.Answer = _ => Clock.GetUtcNow() < down ? 500 : 200;
        var partnerId = NewPartner();
        var before = Feed.Append(partnerId, OrderEvent(partnerId, "before"));
        var registration = await Webhooks(partnerId).RegisterAsync(new WebhookSubscription(receiver.Url, [WebhookEventTypes.OrderStatusChanged]));

        var events = new List<FeedEntry>();
        for (var i = 0; i < 5; i++)
        {
            events.Add(Feed.Append(partnerId, OrderEvent(partnerId, $"o{i}")));
            // Not subscribed: passed over, never sent.
            Feed.Append(partnerId, new AvailabilityChanged { EventId = Guid.NewGuid().ToString(), At = Clock.GetUtcNow(), CorrelationId = "c", Sku = "SKU-1", PartnerId = partnerId, AvailableToPromise = i });
        }

        await AdvanceUntilAsync(() => receiver.Accepted.Count >= events.Count, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1));

        var accepted = receiver.Accepted;
        Assert.Equal(events.Select(e => e.Event.EventId), accepted.Select(r => r.Id!));
        Assert.DoesNotContain(receiver.Received, r => r.Id == before.Event.EventId);
        // While the receiver failed only the first event was tried (in order: the rest wait behind it), and retried.
        var failed = receiver.Received.Where(r => !r.Accepted).ToList();
        Assert.InRange(failed.Count, 3, 12);
        Assert.All(failed, r => Assert.Equal(events[0].Event.EventId, r.Id));
        Assert.All(receiver.Received, r => Assert.True(
            StandardWebhooksVerifier.Verify(registration.Secret, r.Id!, r.Timestamp!, r.RawBody, r.Signature!, DateTimeOffset.UtcNow), r.Body));

        var endpoint = await Endpoint(registration).GetAsync();
        Assert.Equal((5L, 0L), (endpoint!.Delivered, endpoint.Parked));
        Assert.Null(endpoint.Pending);
        Assert.Null(endpoint.FailingSince);
        var log = await Endpoint(registration).DeliveriesAsync();
        Assert.Equal(failed.Count + 5, log!.Count);
        Assert.Equal(WebhookAttemptOutcome.Delivered, log[0].Outcome);
        Assert.Contains(log, attempt => attempt is { Outcome: WebhookAttemptOutcome.Failed, StatusCode: 500, Attempt: 2 });
        Assert.Empty(await Queue().ListAsync(partnerId));
    }

    [Fact]
    public async Task ReceiverDownForGood_OneWebhookDeliveryFailedPerEventAfterADay_RetryAndBulkReplayRedeliver()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 503;
        var partnerId = NewPartner();
        var registration = await Webhooks(partnerId).RegisterAsync(new WebhookSubscription(receiver.Url, [WebhookEventTypes.OrderStatusChanged]));
        var started = Clock.GetUtcNow();
        var events = Enumerable.Range(0, 3).Select(i => Feed.Append(partnerId, OrderEvent(partnerId, $"o{i}"))).ToList();

        var parked = (await AdvanceUntilAsync(() => Queue().ListAsync(partnerId), open => open.Count == 3, TimeSpan.FromHours(26), TimeSpan.FromMinutes(5)))
            .OrderBy(entry => FeedOrder(entry.ExceptionId)).ToList();

        Assert.Equal(events.Select(e => e.Event.EventId), parked.Select(e => e.EventId));
        Assert.All(parked, entry =>
        {
            Assert.Equal(ExceptionTypes.WebhookDeliveryFailed, entry.Type);
            Assert.Equal(registration.Endpoint.WebhookId, entry.WebhookId);
            Assert.Equal(partnerId, entry.PartnerId);
            Assert.Contains("503", entry.LastError, StringComparison.Ordinal);
        });
        // The first after the day of retries (fewer than the schedule's 33 when the circuit was open: that is no attempt);
        // the ones behind it after one attempt each, or none while the endpoint's circuit is open.
        Assert.True(parked[0].RaisedAt - started >= TimeSpan.FromHours(24), $"parked after {parked[0].RaisedAt - started}");
        Assert.InRange(parked[0].Attempts, 3, 40);
        Assert.All(parked.Skip(1), entry => Assert.InRange(entry.Attempts, 0, 1));
        Assert.Empty(receiver.Accepted);
        var endpoint = await Endpoint(registration).GetAsync();
        Assert.Equal((0L, 3L), (endpoint!.Delivered, endpoint.Parked));

        // Parked means done for the endpoint: nothing more is sent until someone replays.
        var sent = receiver.Received.Count;
        await AdvanceAsync(TimeSpan.FromHours(2), TimeSpan.FromMinutes(10));
        Assert.Equal(sent, receiver.Received.Count);

        receiver.Answer = _ => 200;
        // The endpoint's circuit may still be open from the last failures (a second, real time): the retry says so and
        // stays open until one goes through.
        var retried = await Eventually.MatchesAsync(() => Endpoint(registration).RetryParkedAsync(parked[0].ExceptionId, "ops", "endpoint fixed"),
            outcome => outcome.Succeeded, "the retry of the first parked event delivering it");
        Assert.Equal(registration.Endpoint.WebhookId, retried.WebhookId);
        await Assert.ThrowsAsync<RuleViolationException>(() => Endpoint(registration).RetryParkedAsync(parked[0].ExceptionId, "ops", null));

        var job = await Cluster.Client.GetGrain<IReplayJobGrain>($"job-{Guid.NewGuid():N}")
            .StartAsync(new ReplayJobRequest(ExceptionTypes.WebhookDeliveryFailed, partnerId, 2, "ops"));
        Assert.Equal(2, job.Total);
        var done = await AdvanceUntilAsync(async () => (await Cluster.Client.GetGrain<IReplayJobGrain>(job.JobId).GetAsync())!,
            progress => progress.Completed, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, done.Succeeded);
        Assert.Empty(await Queue().ListAsync(partnerId));
        // The first by hand, the other two by the bulk replay (two at a time, so in either order): each exactly once.
        Assert.Equal(events[0].Event.EventId, receiver.Accepted[0].Id);
        Assert.Equal(events.Select(e => e.Event.EventId).Order(), receiver.Accepted.Select(r => r.Id!).Order());
        var log = await Endpoint(registration).DeliveriesAsync();
        Assert.Equal(3, log!.Count(attempt => attempt is { Replay: true, Outcome: WebhookAttemptOutcome.Delivered }));
    }

    [Fact]
    public async Task Signature_CheckedByASpecReceiverAndByOpenssl_TamperedBodyOrOtherSecretFails_BodyIsTheStandardPayload()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var partnerId = NewPartner();
        var registration = await Webhooks(partnerId).RegisterAsync(new WebhookSubscription(receiver.Url, [WebhookEventTypes.OrderStatusChanged]));
        var sent = Feed.Append(partnerId, OrderEvent(partnerId, "o1"));
        await AdvanceUntilAsync(() => receiver.Accepted.Count == 1, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1));
        var request = receiver.Accepted[0];

        Assert.StartsWith("whsec_", registration.Secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(registration.Secret["whsec_".Length..]).Length);
        Assert.Equal(sent.Event.EventId, request.Id);
        Assert.True(StandardWebhooksVerifier.Verify(registration.Secret, request.Id!, request.Timestamp!, request.RawBody, request.Signature!, DateTimeOffset.UtcNow));

        var tampered = (byte[])request.RawBody.Clone();
        tampered[^2] ^= 0x01;
        Assert.False(StandardWebhooksVerifier.Verify(registration.Secret, request.Id!, request.Timestamp!, tampered, request.Signature!, DateTimeOffset.UtcNow));
        Assert.False(StandardWebhooksVerifier.Verify("whsec_" + Convert.ToBase64String(new byte[32]), request.Id!, request.Timestamp!, request.RawBody, request.Signature!, DateTimeOffset.UtcNow));
        Assert.False(StandardWebhooksVerifier.Verify(registration.Secret, "another-id", request.Timestamp!, request.RawBody, request.Signature!, DateTimeOffset.UtcNow));
        Assert.False(StandardWebhooksVerifier.Verify(registration.Secret, request.Id!, request.Timestamp!, request.RawBody, request.Signature!, DateTimeOffset.UtcNow.AddMinutes(10)));

        // The same check with openssl, as a receiver's shell script would make it.
        var content = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(content, [.. System.Text.Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}."), .. request.RawBody], TestContext.Current.CancellationToken);
            var key = Convert.ToHexString(Convert.FromBase64String(registration.Secret["whsec_".Length..]));
            var openssl = (await ProcessRunner.RunAsync("openssl", ["dgst", "-sha256", "-mac", "HMAC", "-macopt", $"hexkey:{key}", content], TimeSpan.FromSeconds(30))).EnsureSuccess();
            var hex = openssl.StandardOutput.Trim().Split("= ")[^1];
            Assert.Equal("v1," + Convert.ToBase64String(Convert.FromHexString(hex)), request.Signature);
        }
        finally
        {
            File.Delete(content);
        }

        var payload = JsonNode.Parse(request.Body)!;
        Assert.Equal("OrderStatusChanged", payload["type"]!.GetValue<string>());
        Assert.Equal(sent.Event.At, DateTimeOffset.Parse(payload["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Equal("Accepted", payload["data"]!["status"]!.GetValue<string>());
        Assert.Equal("o1", payload["data"]!["orderId"]!.GetValue<string>());
        Assert.Equal(sent.Event.EventId, payload["data"]!["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeletedEndpoint_StopsDelivering_AndItsParkedExceptionsAreWithdrawn()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        var partnerId = NewPartner();
        var registration = await Webhooks(partnerId).RegisterAsync(new WebhookSubscription(receiver.Url, [WebhookEventTypes.OrderStatusChanged]));
        Feed.Append(partnerId, OrderEvent(partnerId, "o1"));
        await AdvanceUntilAsync(() => Queue().ListAsync(partnerId), open => open.Count == 1, TimeSpan.FromHours(26), TimeSpan.FromMinutes(5));

        await Webhooks(partnerId).DeleteAsync(registration.Endpoint.WebhookId);

        Assert.Null(await Endpoint(registration).GetAsync());
        Assert.Empty(await Webhooks(partnerId).ListAsync());
        Assert.Empty(await Queue().ListAsync(partnerId));
        var sent = receiver.Received.Count;
        Feed.Append(partnerId, OrderEvent(partnerId, "o2"));
        await AdvanceAsync(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1));
        Assert.Equal(sent, receiver.Received.Count);
        await Assert.ThrowsAsync<RuleViolationException>(() => Webhooks(partnerId).DeleteAsync(registration.Endpoint.WebhookId));
    }

    private IPartnerWebhooksGrain Webhooks(string partnerId) => Cluster.Client.GetGrain<IPartnerWebhooksGrain>(partnerId);

    private IWebhookEndpointGrain Endpoint(WebhookRegistration registration) => Cluster.Client.GetGrain<IWebhookEndpointGrain>(registration.Endpoint.WebhookId);

    private IExceptionQueueGrain Queue() => Cluster.Client.GetGrain<IExceptionQueueGrain>(ExceptionTypes.WebhookDeliveryFailed);

    /// <summary>The feed position a webhook exception ID ends with ("webhook:{webhookId}:{cursor}").</summary>
    private static UInt128 FeedOrder(string exceptionId) => UInt128.Parse(exceptionId[(exceptionId.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>Moves the grains' clock by <paramref name="span"/> in steps of <paramref name="step"/>, letting the timers that fall due run.</summary>
    private async Task AdvanceAsync(TimeSpan span, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; moved < span; moved += step)
        {
            Clock.Advance(step);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    private Task AdvanceUntilAsync(Func<bool> condition, TimeSpan limit, TimeSpan step) =>
        AdvanceUntilAsync(() => Task.FromResult(condition()), held => held, limit, step);

    /// <summary>Moves the clock by <paramref name="step"/> (at most <paramref name="limit"/>), 20 ms apart, until the probe matches.</summary>
    private async Task<T> AdvanceUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan limit, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; ; moved += step)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            Assert.True(moved <= limit, $"after {moved} more on the clock: {value}");
            Clock.Advance(step);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
