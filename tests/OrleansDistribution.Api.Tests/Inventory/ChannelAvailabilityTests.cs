using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Inventory;

/// <summary>Per-partner inventory policies: what each channel may promise, sees and is told.</summary>
[Collection(ApiCollection.Name)]
public sealed class ChannelAvailabilityTests(ApiFixture api)
{
    [Fact]
    public async Task TwoChannelsWith30And70PercentShares_40ConcurrentOrders_NeverExceedEitherShareNorOversell()
    {
        using var marketplace = await Scenario.CreateAsync(api, stock: 20, skuCount: 1);
        var sku = marketplace.Skus[0];
        using var portal = await PartnerOnAsync(sku);
        await SetPolicyAsync(marketplace, new { share = 0.3 });
        await SetPolicyAsync(portal, new { share = 0.7 });

        var orders = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var channel = i % 2 == 0 ? marketplace : portal;
            var order = await channel.SubmitCreatedAsync(Scenario.OrderBody($"PO-{i}", (sku, 1)));
            return (Channel: channel, Status: order["status"]!.GetValue<string>());
        }));

        var held = orders.GroupBy(order => order.Channel).ToDictionary(group => group.Key, group => group.Count(order => order.Status == "Accepted"));
        Assert.Equal(6, held[marketplace]);
        Assert.Equal(14, held[portal]);
        var position = await marketplace.GetInventoryAsync(sku);
        Assert.Equal(20, position["reserved"]!.GetValue<int>());
        Assert.Equal(0, position["available"]!.GetValue<int>());
        var channels = position["channels"]!.AsArray().ToDictionary(channel => channel!["partnerId"]!.GetValue<string>(), channel => channel!["reserved"]!.GetValue<int>());
        Assert.Equal(6, channels[marketplace.PartnerId]);
        Assert.Equal(14, channels[portal.PartnerId]);
    }

    [Fact]
    public async Task Partner_SeesOnlyWhatItMayPromise_NeverOtherChannels()
    {
        using var mine = await Scenario.CreateAsync(api, stock: 100, skuCount: 1);
        var sku = mine.Skus[0];
        using var other = await PartnerOnAsync(sku);
        await SetPolicyAsync(mine, new { share = 0.5, safetyStock = 5, maxPerOrder = 30 });
        using var safety = await mine.Operator.PutAsJsonAsync($"/v1/inventory/{sku}", new { onHand = 100, safetyStock = 10 });
        Assert.Equal(HttpStatusCode.OK, safety.StatusCode);
        await other.SubmitCreatedAsync(Scenario.OrderBody("PO-other", (sku, 60)));
        await mine.SubmitCreatedAsync(Scenario.OrderBody("PO-mine", (sku, 12)));

        using var response = await mine.Partner.GetAsync($"/v1/inventory/{sku}");
        var view = await Scenario.ReadObjectAsync(response);

        // min(90 sellable − 72 reserved − 5 buffer, ⌊0.5 × 90⌋ − 12 mine) = min(13, 33) = 13.
        Assert.Equal(13, view["availableToPromise"]!.GetValue<int>());
        Assert.Equal(13, view["available"]!.GetValue<int>());
        Assert.Equal(12, view["reserved"]!.GetValue<int>());
        Assert.Equal(30, view["maxPerOrder"]!.GetValue<int>());
        Assert.Equal(100, view["onHand"]!.GetValue<int>());
        Assert.Null(view["channels"]);
        Assert.Null(view["safetyStock"]);
        Assert.DoesNotContain(other.PartnerId, view.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("60", view["explanation"]!.GetValue<string>(), StringComparison.Ordinal);

        var breakdown = await mine.GetInventoryAsync(sku);
        Assert.Equal("100 on hand − 72 reserved − 10 safety stock = 18 available", breakdown["explanation"]!.GetValue<string>());
    }

    [Fact]
    public async Task MaxPerOrder_RefusesLargerLines_With422()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 100, skuCount: 1);
        await SetPolicyAsync(scenario, new { maxPerOrder = 5 });

        using var response = await scenario.SubmitAsync(Scenario.OrderBody("PO-big", (scenario.Skus[0], 6)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("/problems/exceeds-max-per-order", (await Scenario.ReadObjectAsync(response))["type"]!.GetValue<string>());
        Assert.Equal(0, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task Policy_PutThenGet_DefaultsFilled_PartnerReadsOnlyItsOwn()
    {
        using var scenario = await Scenario.CreateAsync(api, skuCount: 1);
        using var other = await PartnerOnAsync(scenario.Skus[0]);
        using var before = await scenario.Partner.GetAsync($"/v1/partners/{scenario.PartnerId}/inventory-policy");
        Assert.Equal(1m, (await Scenario.ReadObjectAsync(before))["share"]!.GetValue<decimal>());

        await SetPolicyAsync(scenario, new { allocation = "allowBackorder", priority = 2, publishThreshold = 0.25 });
        using var mine = await scenario.Partner.GetAsync($"/v1/partners/{scenario.PartnerId}/inventory-policy");
        using var theirs = await scenario.Partner.GetAsync($"/v1/partners/{other.PartnerId}/inventory-policy");
        using var partnerPut = await scenario.Partner.PutAsJsonAsync($"/v1/partners/{scenario.PartnerId}/inventory-policy", new { share = 1 });
        using var bad = await scenario.Operator.PutAsJsonAsync($"/v1/partners/{scenario.PartnerId}/inventory-policy", new { share = 1.5, allocation = "sometimes", priority = 0 });

        var policy = await Scenario.ReadObjectAsync(mine);
        Assert.Equal("allowBackorder", policy["allocation"]!.GetValue<string>());
        Assert.Equal(2, policy["priority"]!.GetValue<int>());
        Assert.Equal(1m, policy["share"]!.GetValue<decimal>());
        Assert.Equal(0.25m, policy["publishThreshold"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, partnerPut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Scenario.ReadObjectAsync(bad))["errors"]!.AsObject().Select(pair => pair.Key).Order().ToList();
        Assert.Equal(["allocation", "priority", "share"], errors);
    }

    [Fact]
    public async Task AvailabilityEvents_ReachThePartnerOnlyWhenItsPromiseMovesByItsThreshold()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 100, skuCount: 1);
        var sku = scenario.Skus[0];
        await SetPolicyAsync(scenario, new { publishThreshold = 0.1 });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await SseReader.OpenAsync(scenario.Partner, timeout.Token);

        // 100 → 97 → 94 → 91 (< 10 % each from 100) → 88 (12 % from 100: told) ... then 0 (crosses zero: told).
        for (var i = 0; i < 4; i++)
        {
            await scenario.SubmitCreatedAsync(Scenario.OrderBody($"PO-{i}", (sku, 3)));
        }

        await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-rest", (sku, 88)));

        var told = new List<int>();
        await foreach (var sse in stream.ReadEventsAsync(timeout.Token))
        {
            if (sse.Event == "AvailabilityChanged")
            {
                Assert.Equal(sku, sse.Data["sku"]!.GetValue<string>());
                told.Add(sse.Data["availableToPromise"]!.GetValue<int>());
                if (told[^1] == 0)
                {
                    break;
                }
            }
        }

        // First figure after the partner became known, then only moves of 10 % or to zero.
        Assert.Equal(0, told[^1]);
        Assert.True(told.Count <= 3, $"told {string.Join(", ", told)}");
        Assert.All(told.Zip(told.Skip(1)), pair => Assert.True(pair.Second == 0 || Math.Abs(pair.Second - pair.First) >= 0.1 * pair.First, $"told {string.Join(", ", told)}"));
    }

    /// <summary>A second partner trading the same SKU (priced, no stock of its own).</summary>
    private async Task<Scenario> PartnerOnAsync(string sku)
    {
        var other = await Scenario.CreateAsync(api, skuCount: 1);
        using var priced = await other.Operator.PutAsJsonAsync($"/v1/partners/{other.PartnerId}/price-list",
            new { version = "v2", currency = "USD", lines = new[] { new { sku, unitPrice = 12.5m } } });
        Assert.Equal(HttpStatusCode.OK, priced.StatusCode);
        return other;
    }

    private static async Task SetPolicyAsync(Scenario scenario, object policy)
    {
        using var response = await scenario.Operator.PutAsJsonAsync($"/v1/partners/{scenario.PartnerId}/inventory-policy", policy);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
