using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Webhooks;

/// <summary>Signed webhooks over real HTTP, fed by the real partner feed, against receivers a partner would run.</summary>
public sealed class WebhooksApiTests(WebhooksApiFixture api) : IClassFixture<WebhooksApiFixture>
{
    [Fact]
    public async Task Register_SecretShownOnce_ListGetDelete_OnlyTheOwnersAndTheOperatorSeeIt()
    {
        using var acme = await Scenario.CreateAsync(api);
        using var other = await Scenario.CreateAsync(api);

        using var created = await acme.Partner.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/acme", events = new[] { "orderStatusChanged" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Scenario.ReadObjectAsync(created);
        var webhookId = body["webhookId"]!.GetValue<string>();
        Assert.Equal($"/v1/webhooks/{webhookId}", created.Headers.Location!.OriginalString);
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", body["secret"]!.GetValue<string>());
        Assert.Equal(["OrderStatusChanged"], body["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(acme.PartnerId, body["partnerId"]!.GetValue<string>());

        var read = await ReadAsync(acme.Partner, $"/v1/webhooks/{webhookId}");
        Assert.Null(read["secret"]);
        Assert.Equal("https://hooks.example.com/acme", read["url"]!.GetValue<string>());
        Assert.Equal(0, read["delivered"]!.GetValue<long>());
        var listed = await ReadAsync(acme.Partner, "/v1/webhooks");
        Assert.Equal(webhookId, Assert.Single(listed["items"]!.AsArray())!["webhookId"]!.GetValue<string>());
        Assert.Null(listed["items"]![0]!["secret"]);
        Assert.Empty((await ReadAsync(acme.Partner, $"/v1/webhooks/{webhookId}/deliveries"))["items"]!.AsArray());

        // Another partner: not found, whatever it tries; the operator reads any partner's.
        await ProblemAsync(await other.Partner.GetAsync($"/v1/webhooks/{webhookId}"), HttpStatusCode.NotFound, "webhook-not-found");
        await ProblemAsync(await other.Partner.GetAsync($"/v1/webhooks/{webhookId}/deliveries"), HttpStatusCode.NotFound, "webhook-not-found");
        await ProblemAsync(await other.Partner.DeleteAsync($"/v1/webhooks/{webhookId}"), HttpStatusCode.NotFound, "webhook-not-found");
        await ProblemAsync(await other.Partner.GetAsync($"/v1/webhooks?partnerId={acme.PartnerId}"), HttpStatusCode.NotFound, "partner-not-found");
        Assert.Empty((await ReadAsync(other.Partner, "/v1/webhooks"))["items"]!.AsArray());
        Assert.Equal(webhookId, (await ReadAsync(acme.Operator, $"/v1/webhooks/{webhookId}"))["webhookId"]!.GetValue<string>());
        Assert.Single((await ReadAsync(acme.Operator, $"/v1/webhooks?partnerId={acme.PartnerId}"))["items"]!.AsArray());
        await ProblemAsync(await acme.Operator.GetAsync("/v1/webhooks"), HttpStatusCode.BadRequest, "validation-failed");
        // Registering and deleting are the partner's own.
        await ProblemAsync(await acme.Operator.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/x", events = new[] { "OrderStatusChanged" } }),
            HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(HttpStatusCode.NoContent, (await acme.Partner.DeleteAsync($"/v1/webhooks/{webhookId}")).StatusCode);
        await ProblemAsync(await acme.Partner.GetAsync($"/v1/webhooks/{webhookId}"), HttpStatusCode.NotFound, "webhook-not-found");
        await ProblemAsync(await acme.Partner.DeleteAsync($"/v1/webhooks/{webhookId}"), HttpStatusCode.NotFound, "webhook-not-found");
        Assert.Empty((await ReadAsync(acme.Partner, "/v1/webhooks"))["items"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"events":["OrderStatusChanged"]}""", "url")]
    [InlineData("""{"url":"not a url","events":["OrderStatusChanged"]}""", "url")]
    [InlineData("""{"url":"https://hooks.example.com/x"}""", "events")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":[]}""", "events")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":["InventoryChanged"]}""", "events")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":[null]}""", "events")]
    public async Task Register_BadInput_ValidationProblem_NothingRegistered(string json, string field)
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var response = await scenario.Partner.PostAsync("/v1/webhooks", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        Assert.Empty((await ReadAsync(scenario.Partner, "/v1/webhooks"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Register_MoreThanTen_ConflictProblem()
    {
        using var scenario = await Scenario.CreateAsync(api);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await Register(scenario, $"https://hooks.example.com/{i}")).StatusCode);
        }

        await ProblemAsync(await Register(scenario, "https://hooks.example.com/11"), HttpStatusCode.Conflict, "webhook-limit-reached");
    }

    [Fact]
    public async Task OrderEvents_DeliveredSignedInOrder_WithADeliveryLog()
    {
        using var scenario = await Scenario.CreateAsync(api);
        await using var receiver = await WebhookReceiver.StartAsync();
        var (webhookId, secret) = await RegisterAsync(scenario, receiver.Url);

        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1))))["orderId"]!.GetValue<string>();
        await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");

        await Eventually.HoldsAsync(() => receiver.Accepted.Count >= 3, "three status changes delivered");
        var statuses = receiver.Accepted.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(["Accepted", "ErpCommitted", "ReleasedToWarehouse"], statuses.Select(p => p["data"]!["status"]!.GetValue<string>()));
        Assert.All(statuses, p => Assert.Equal("OrderStatusChanged", p["type"]!.GetValue<string>()));
        Assert.All(statuses, p => Assert.Equal(orderId, p["data"]!["orderId"]!.GetValue<string>()));
        Assert.All(receiver.Accepted, r =>
        {
            Assert.True(StandardWebhooksVerifier.Verify(secret, r.Id!, r.Timestamp!, r.RawBody, r.Signature!, DateTimeOffset.UtcNow), r.Body);
            Assert.Equal(JsonNode.Parse(r.Body)!["data"]!["eventId"]!.GetValue<string>(), r.Id);
        });

        var log = (await ReadAsync(scenario.Partner, $"/v1/webhooks/{webhookId}/deliveries"))["items"]!.AsArray();
        Assert.Equal(3, log.Count);
        Assert.All(log, attempt =>
        {
            Assert.Equal("Delivered", attempt!["outcome"]!.GetValue<string>());
            Assert.Equal(200, attempt["statusCode"]!.GetValue<int>());
            Assert.True(attempt["latencyMs"]!.GetValue<double>() >= 0);
            Assert.Equal(1, attempt["attempt"]!.GetValue<int>());
        });
        Assert.Equal(receiver.Accepted.Select(r => r.Id!).Reverse(), log.Select(a => a!["eventId"]!.GetValue<string>()));
        Assert.Equal(3, (await ReadAsync(scenario.Partner, $"/v1/webhooks/{webhookId}"))["delivered"]!.GetValue<long>());

        using var metrics = await scenario.Operator.GetAsync("/metrics");
        var scrape = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("distribution_webhooks_attempts_total{", scrape, StringComparison.Ordinal);
        Assert.Contains("outcome=\"delivered\"", scrape, StringComparison.Ordinal);
        Assert.Contains("distribution_webhooks_attempt_duration_seconds_bucket{", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiverFailingThenRecovering_GetsEveryEventInOrder_FailedAttemptsInTheLog()
    {
        using var scenario = await Scenario.CreateAsync(api);
        await using var receiver = await WebhookReceiver.StartAsync();
        var failUntil = DateTimeOffset.UtcNow.AddSeconds(2.5);
        receiver.Answer = _ => DateTimeOffset.UtcNow < failUntil ? 500 : 200;
        var (webhookId, _) = await RegisterAsync(scenario, receiver.Url);

        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1))))["orderId"]!.GetValue<string>();

        await Eventually.HoldsAsync(() => receiver.Accepted.Count >= 3, "three status changes delivered after the receiver recovered");
        Assert.Equal(["Accepted", "ErpCommitted", "ReleasedToWarehouse"],
            receiver.Accepted.Select(r => JsonNode.Parse(r.Body)!["data"]!["status"]!.GetValue<string>()));
        Assert.Contains(receiver.Received, r => r.Status == 500);
        Assert.Equal(3, receiver.Accepted.Select(r => r.Id!).Distinct().Count());
        var log = (await ReadAsync(scenario.Partner, $"/v1/webhooks/{webhookId}/deliveries"))["items"]!.AsArray();
        Assert.Contains(log, attempt => attempt!["outcome"]!.GetValue<string>() == "Failed" && attempt["statusCode"]!.GetValue<int>() == 500);
        Assert.Empty((await ReadAsync(scenario.Operator, $"/v1/exceptions?type=WebhookDeliveryFailed&partnerId={scenario.PartnerId}"))["items"]!.AsArray());
        _ = orderId;
    }

    [Fact]
    public async Task ReceiverDownForGood_EachEventParked_ListedWithItsSubject_RetryRedelivers_SkipAcknowledges()
    {
        using var scenario = await Scenario.CreateAsync(api);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 503;
        var (webhookId, _) = await RegisterAsync(scenario, receiver.Url);

        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1))))["orderId"]!.GetValue<string>();
        await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");

        var items = await Eventually.MatchesAsync(
            async () => (await ReadAsync(scenario.Operator, $"/v1/exceptions?type=WebhookDeliveryFailed&partnerId={scenario.PartnerId}"))["items"]!.AsArray(),
            open => open.Count == 3, "one WebhookDeliveryFailed per status change", TimeSpan.FromSeconds(30));
        // Feed order: the exception IDs end with the event's feed cursor.
        items = new JsonArray([.. items.OrderBy(item => UInt128.Parse(item!["exceptionId"]!.GetValue<string>().Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture))
            .Select(item => item!.DeepClone())]);
        Assert.All(items, item =>
        {
            Assert.Equal("webhook", item!["subject"]!.GetValue<string>());
            Assert.Equal(webhookId, item["webhookId"]!.GetValue<string>());
            Assert.Equal(scenario.PartnerId, item["partnerId"]!.GetValue<string>());
            Assert.StartsWith($"webhook:{webhookId}:", item["exceptionId"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.Equal(3, (await ReadAsync(scenario.Partner, $"/v1/webhooks/{webhookId}"))["parked"]!.GetValue<long>());
        var log = (await ReadAsync(scenario.Partner, $"/v1/webhooks/{webhookId}/deliveries"))["items"]!.AsArray();
        Assert.Equal(3, log.Count(attempt => attempt!["outcome"]!.GetValue<string>() == "Parked"));

        receiver.Answer = _ => 200;
        var first = items[0]!["exceptionId"]!.GetValue<string>();
        var retried = await Eventually.MatchesAsync(async () => await ReadAsync(scenario.Operator, $"/v1/exceptions/{first}/retry", post: true),
            outcome => outcome["succeeded"]!.GetValue<bool>(), "the retry delivering the first parked event");
        Assert.Equal(webhookId, retried["webhookId"]!.GetValue<string>());
        Assert.Equal(items[0]!["eventId"]!.GetValue<string>(), Assert.Single(receiver.Accepted).Id);
        await ProblemAsync(await scenario.Operator.PostAsJsonAsync($"/v1/exceptions/{first}/retry", new { }), HttpStatusCode.NotFound, "exception-not-found");

        var second = items[1]!["exceptionId"]!.GetValue<string>();
        await ProblemAsync(await scenario.Operator.PostAsJsonAsync($"/v1/exceptions/{second}/resolve", new { action = "release" }),
            HttpStatusCode.Conflict, "resolution-not-allowed");
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Operator.PostAsJsonAsync($"/v1/exceptions/{second}/resolve", new { action = "skip", note = "sent by mail" })).StatusCode);

        using var job = await scenario.Operator.PostAsJsonAsync("/v1/exceptions/retry", new { type = "WebhookDeliveryFailed", partnerId = scenario.PartnerId });
        Assert.Equal(HttpStatusCode.Accepted, job.StatusCode);
        await Eventually.HoldsAsync(async () => (await ReadAsync(scenario.Operator, job.Headers.Location!.OriginalString))["completed"]!.GetValue<bool>(), "bulk replay finished");
        Assert.Empty((await ReadAsync(scenario.Operator, $"/v1/exceptions?type=WebhookDeliveryFailed&partnerId={scenario.PartnerId}"))["items"]!.AsArray());
        Assert.Equal([items[0]!["eventId"]!.GetValue<string>(), items[2]!["eventId"]!.GetValue<string>()], receiver.Accepted.Select(r => r.Id!));
    }

    [Fact]
    public async Task HungEndpoint_DoesNotHoldUpTheSamePartnersOtherEndpoint()
    {
        using var scenario = await Scenario.CreateAsync(api);
        await using var hung = await WebhookReceiver.StartAsync();
        await using var healthy = await WebhookReceiver.StartAsync();
        hung.Delay = TimeSpan.FromSeconds(30);
        await RegisterAsync(scenario, hung.Url);
        await RegisterAsync(scenario, healthy.Url);

        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1))))["orderId"]!.GetValue<string>();

        // Each hung attempt takes the 2 s attempt timeout and blocks only its own endpoint's queue.
        await Eventually.HoldsAsync(() => healthy.Accepted.Count >= 3, "the healthy endpoint got all three status changes");
        Assert.Equal(["Accepted", "ErpCommitted", "ReleasedToWarehouse"],
            healthy.Accepted.Select(r => JsonNode.Parse(r.Body)!["data"]!["status"]!.GetValue<string>()));
        Assert.Empty(hung.Accepted);
        Assert.All(healthy.Accepted, r => Assert.Equal(orderId, JsonNode.Parse(r.Body)!["data"]!["orderId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task HungReceiver_OrderAcceptanceIsNotSlowed_DeliveryIsAsynchronous()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 1000);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(30);
        await RegisterAsync(scenario, receiver.Url);

        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            await scenario.SubmitCreatedAsync(Scenario.OrderBody($"PO-{i}", (scenario.Skus[0], 1)));
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
        }

        // Each 201 came long before the receiver would have answered even once (2 s attempt timeout, 30 s hang).
        Assert.True(slowest < TimeSpan.FromSeconds(1.5), $"slowest acceptance took {slowest}");
        await Eventually.HoldsAsync(() => receiver.Received.Count >= 1, "the hung receiver was tried", TimeSpan.FromSeconds(20));
    }

    /// <summary>The response is the problem <paramref name="code"/> with <paramref name="status"/>; disposes it.</summary>
    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        using (response)
        {
            var problem = await ProblemAssert.IsProblemAsync(response, status);
            Assert.Equal($"/problems/{code}", problem["type"]!.GetValue<string>());
            return problem;
        }
    }

    private static Task<HttpResponseMessage> Register(Scenario scenario, string url) =>
        scenario.Partner.PostAsJsonAsync("/v1/webhooks", new { url, events = new[] { "OrderStatusChanged" } });

    private static async Task<(string WebhookId, string Secret)> RegisterAsync(Scenario scenario, string url)
    {
        using var response = await Register(scenario, url);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Scenario.ReadObjectAsync(response);
        return (body["webhookId"]!.GetValue<string>(), body["secret"]!.GetValue<string>());
    }

    private static async Task<JsonObject> ReadAsync(HttpClient client, string path, bool post = false)
    {
        using var response = post ? await client.PostAsJsonAsync(path, new { }) : await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}

/// <summary>What the shared API silo (private networks not allowed, the default) refuses.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookUrlTests(ApiFixture api)
{
    [Theory]
    [InlineData("http://127.0.0.1:9000/hooks")]
    [InlineData("http://localhost/hooks")]
    [InlineData("http://10.0.0.5/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hooks")]
    [InlineData("ftp://hooks.example.com/x")]
    public async Task Register_PrivateOrNonHttpUrl_422WebhookUrlNotAllowed_NothingRegistered(string url)
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var response = await scenario.Partner.PostAsJsonAsync("/v1/webhooks", new { url, events = new[] { "OrderStatusChanged" } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("/problems/webhook-url-not-allowed", problem["type"]!.GetValue<string>());
        using var listed = await scenario.Partner.GetAsync("/v1/webhooks");
        Assert.Empty((await Scenario.ReadObjectAsync(listed))["items"]!.AsArray());
    }
}
