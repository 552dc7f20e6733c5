using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Operations;

/// <summary>
/// The business KPIs as an operator reads them, at /metrics (Prometheus) and /v1/ops/kpis (the console), with the values
/// the test's own traffic implies: its partner's accepted, replayed and refused submissions, the exception it caused and
/// the replay that cleared it, and the cluster-wide gauges agreeing with the API's own answers.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OperationsKpiTests(ApiFixture api)
{
    [Fact]
    public async Task PartnerTraffic_ShowsAtMetricsAndInTheKpis_WithTheCountsItImplies()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 5);
        var partner = ("partner", scenario.PartnerId);
        for (var i = 0; i < 3; i++)
        {
            await scenario.SubmitCreatedAsync(Scenario.OrderBody($"PO-kpi-{i}", (scenario.Skus[0], 1)), idempotencyKey: $"kpi-{i}");
        }

        using (var replay = await scenario.SubmitAsync(Scenario.OrderBody("PO-kpi-0", (scenario.Skus[0], 1)), idempotencyKey: "kpi-0"))
        {
            Assert.True(replay.IsSuccessStatusCode);
        }

        for (var i = 0; i < 2; i++)
        {
            using var invalid = await scenario.SubmitAsync(new { channelOrderRef = "", lines = Array.Empty<object>() }, idempotencyKey: $"kpi-bad-{i}");
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        using (var missing = await scenario.Partner.GetAsync("/v1/orders/ord_doesnotexist"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using var client = api.Operator();
        // Recorded once each response is written, which the client may see first: read until the last one is in.
        var metrics = await Eventually.MatchesAsync(
            () => PrometheusScrape.ReadAsync(client),
            scrape => scrape.Value("distribution_submissions_failed_total", partner) == 3
                && scrape.Value("distribution_order_acceptance_duration_seconds_count", partner) == 6,
            "the six submissions and three failures of this partner on /metrics");
        Assert.Equal(3, metrics.Value("distribution_order_acceptance_duration_seconds_count", partner, ("outcome", "accepted")));
        Assert.Equal(1, metrics.Value("distribution_order_acceptance_duration_seconds_count", partner, ("outcome", "replayed")));
        Assert.Equal(2, metrics.Value("distribution_order_acceptance_duration_seconds_count", partner, ("outcome", "rejected")));
        Assert.Equal(2, metrics.Value("distribution_submissions_failed_total", partner, ("reason", "validation-failed")));
        Assert.Equal(1, metrics.Value("distribution_submissions_failed_total", partner, ("reason", "order-not-found")));
        Assert.Equal(3, metrics.Value("distribution_submissions_failed_total", partner));

        var kpis = await Eventually.MatchesAsync(
            () => client.GetFromJsonAsync<JsonObject>("/v1/ops/kpis"),
            body => PartnerOf(body!, scenario.PartnerId) is { } seen && seen["accepted"]!.GetValue<int>() == 3
                && seen["failedByReason"]!["order-not-found"]?.GetValue<int>() == 1,
            "the KPI grain has this partner's three accepted orders and its last failure");
        var traffic = PartnerOf(kpis!, scenario.PartnerId)!;
        Assert.Equal(2, traffic["failedByReason"]!["validation-failed"]!.GetValue<int>());
        Assert.Equal(1, traffic["failedByReason"]!["order-not-found"]!.GetValue<int>());
        Assert.Equal(15, kpis!["minutes"]!.AsArray().Count);
        Assert.True(kpis["series"]!["ordersAccepted"]!.AsArray().Sum(minute => minute!.GetValue<int>()) >= 3);
        Assert.Contains(kpis["series"]!["acceptanceP99Ms"]!.AsArray(), minute => minute is not null && minute.GetValue<double>() > 0);
    }

    [Fact]
    public async Task ExceptionBacklogAndReplay_GaugesAgreeWithTheQueues_AndTheReplayCounts()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 1);
        using var client = api.Operator();
        var before = await PrometheusScrape.ReadAsync(client);
        var succeededBefore = before.Value("distribution_replay_orders_total", Host, ("result", "succeeded")) ?? 0;

        var held = await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-kpi-held", (scenario.Skus[0], 3)));
        Assert.Equal("StockConstrained", held["exception"]!["type"]!.GetValue<string>());
        var open = await OpenCountAsync(client, "StockConstrained");
        await Eventually.HoldsAsync(
            async () => (await PrometheusScrape.ReadAsync(client)).Max("distribution_exceptions_open", Host, ("type", "StockConstrained")) == open,
            $"distribution_exceptions_open{{type=StockConstrained}} is {open}, as /v1/exceptions says");
        var scrape = await PrometheusScrape.ReadAsync(client);
        Assert.True(scrape.Max("distribution_exceptions_oldest_age_seconds", Host, ("type", "StockConstrained")) >= 0);
        Assert.Equal(await OpenCountAsync(client, "ErpRejected"), scrape.Max("distribution_exceptions_open", Host, ("type", "ErpRejected")));

        await Scenario.SetStockAsync(client, scenario.Skus[0], 10);
        using var start = await client.PostAsJsonAsync("/v1/exceptions/retry", new { type = "StockConstrained", partnerId = scenario.PartnerId });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await Eventually.HoldsAsync(
            async () => (await PrometheusScrape.ReadAsync(client)).Value("distribution_replay_orders_total", Host, ("result", "succeeded")) == succeededBefore + 1,
            "the replay of the held order counts as one succeeded");
        await Eventually.HoldsAsync(
            async () => (await PrometheusScrape.ReadAsync(client)).Max("distribution_exceptions_open", Host, ("type", "StockConstrained")) == open - 1,
            "the replayed exception leaves the backlog gauge");
        var kpis = await client.GetFromJsonAsync<JsonObject>("/v1/ops/kpis");
        Assert.True(kpis!["series"]!["replaySucceeded"]!.AsArray().Sum(minute => minute!.GetValue<int>()) >= 1);
    }

    [Fact]
    public async Task OrdersByStatusAndDependencies_AreClusterGauges_MatchingTheOrderIndex()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var order = await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-kpi-status", (scenario.Skus[0], 1)));
        await scenario.WaitForStatusAsync(order["orderId"]!.GetValue<string>(), "ReleasedToWarehouse");
        using var client = api.Operator();

        // Every order of this API, by status, as the search answers: the gauge must say the same once it has sampled.
        await Eventually.HoldsAsync(async () =>
        {
            var released = await CountAsync(client, "ReleasedToWarehouse");
            var scrape = await PrometheusScrape.ReadAsync(client);
            var kpis = await client.GetFromJsonAsync<JsonObject>("/v1/ops/kpis");
            return scrape.Max("distribution_orders", Host, ("status", "ReleasedToWarehouse")) == released
                && kpis!["ordersByStatus"]?["ReleasedToWarehouse"]?.GetValue<long>() == released;
        }, "distribution_orders{status=ReleasedToWarehouse} and the KPIs count what the order search finds");
        // Earlier tests of this fixture may have left a circuit open: the gauge must say what the cluster's health says.
        await Eventually.HoldsAsync(async () =>
        {
            var metrics = await PrometheusScrape.ReadAsync(client);
            var kpis = await client.GetFromJsonAsync<JsonObject>("/v1/ops/kpis");
            return new[] { "erp", "wms" }.All(name =>
                metrics.Max("distribution_dependency_degraded", Host, ("dependency", name)) is { } degraded
                && kpis!["dependencies"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == name)!["state"]!.GetValue<string>() == (degraded == 1 ? "degraded" : "up"));
        }, "distribution_dependency_degraded{dependency=erp|wms} agrees with the cluster's dependency state");
    }

    [Fact]
    public async Task Kpis_RefusedToPartnersAndAnonymousCallers()
    {
        using var scenario = await Scenario.CreateAsync(api, skuCount: 1);
        using var anonymous = api.ClientWithKey(null);

        using var asPartner = await scenario.Partner.GetAsync("/v1/ops/kpis");
        using var asNobody = await anonymous.GetAsync("/v1/ops/kpis");

        Assert.Equal(HttpStatusCode.Forbidden, asPartner.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asNobody.StatusCode);
    }

    /// <summary>
    /// This fixture's host: the test process runs other API fixtures (other clusters) whose gauges the scrape also
    /// carries, told apart by the meter's host tag.
    /// </summary>
    private (string Key, string Value) Host => ("otel_scope_distribution_host", api.Services.GetRequiredService<DistributionMeter>().Host);

    private static JsonNode? PartnerOf(JsonObject kpis, string partnerId) =>
        kpis["partners"]!.AsArray().FirstOrDefault(entry => entry!["partnerId"]!.GetValue<string>() == partnerId);

    private static async Task<int> OpenCountAsync(HttpClient client, string type)
    {
        var list = await client.GetFromJsonAsync<JsonObject>($"/v1/exceptions?type={type}");
        return list!["countByType"]![type]!.GetValue<int>();
    }

    private static async Task<long> CountAsync(HttpClient client, string status)
    {
        long count = 0;
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonObject>($"/v1/orders?status={status}&limit=200{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            count += page!["orders"]!.AsArray().Count;
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);
        return count;
    }
}
