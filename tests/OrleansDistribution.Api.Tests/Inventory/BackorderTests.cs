using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Inventory;

/// <summary>Partners that allow backorders: short lines wait, and the SKU fills them as stock arrives.</summary>
[Collection(ApiCollection.Name)]
public sealed class BackorderTests(ApiFixture api)
{
    [Fact]
    public async Task TenOrderedWithFourInStock_FourReservedSixBackordered_TheFeedFillsIt_AndTheOrderGoesToTheWarehouse()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 4, skuCount: 1);
        var sku = scenario.Skus[0];
        await SetPolicyAsync(scenario, new { allocation = "allowBackorder" });

        var order = await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-back", (sku, 10)));
        var orderId = order["orderId"]!.GetValue<string>();

        Assert.Equal("Backordered", order["status"]!.GetValue<string>());
        var line = order["lines"]![0]!;
        Assert.Equal((4, 6), (line["allocated"]!.GetValue<int>(), line["backordered"]!.GetValue<int>()));
        var position = await scenario.GetInventoryAsync(sku);
        Assert.Equal((4, 6), (position["reserved"]!.GetValue<int>(), position["backordered"]!.GetValue<int>()));

        // The ERP books a receipt of 6 (its first word on the SKU is a figure: 4 on hand, then +6).
        using var erp = api.ClientWithKey(ApiFixture.ErpKey);
        using var synced = await erp.PostAsJsonAsync("/v1/inventory/sync", new
        {
            positions = new object[]
            {
                new { sku, onHand = 4, erpSequence = 1L, asOf = DateTimeOffset.UtcNow },
                new { sku, delta = 6, reason = "receipt", erpSequence = 2L, asOf = DateTimeOffset.UtcNow },
            },
        });
        Assert.Equal(HttpStatusCode.OK, synced.StatusCode);

        var released = await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse", TimeSpan.FromSeconds(20));
        Assert.Contains(released["timeline"]!.AsArray(), entry => entry!["detail"]!.GetValue<string>().StartsWith($"Backorder filled: 6 of {sku} reserved; all lines reserved", StringComparison.Ordinal));
        var filledLine = released["lines"]![0]!;
        Assert.Equal((10, 0), (filledLine["allocated"]!.GetValue<int>(), filledLine["backordered"]!.GetValue<int>()));
        var after = await scenario.GetInventoryAsync(sku);
        Assert.Equal((10, 10, 0), (after["onHand"]!.GetValue<int>(), after["reserved"]!.GetValue<int>(), after["backordered"]!.GetValue<int>()));
    }

    [Fact]
    public async Task TwoWaitingPartners_StockFillsTheHigherPriorityFirst()
    {
        using var first = await Scenario.CreateAsync(api, stock: 0, skuCount: 1);
        var sku = first.Skus[0];
        using var second = await Scenario.CreateAsync(api, stock: 0, skuCount: 1);
        using var priced = await second.Operator.PutAsJsonAsync($"/v1/partners/{second.PartnerId}/price-list",
            new { version = "v2", currency = "USD", lines = new[] { new { sku, unitPrice = 12.5m } } });
        Assert.Equal(HttpStatusCode.OK, priced.StatusCode);
        await SetPolicyAsync(first, new { allocation = "allowBackorder", priority = 8 });
        await SetPolicyAsync(second, new { allocation = "allowBackorder", priority = 2 });

        // The low-priority partner ordered first; the high-priority one still gets the stock first.
        var early = await first.SubmitCreatedAsync(Scenario.OrderBody("PO-early", (sku, 5)));
        var urgent = await second.SubmitCreatedAsync(Scenario.OrderBody("PO-urgent", (sku, 5)));
        Assert.Equal("Backordered", early["status"]!.GetValue<string>());
        Assert.Equal("Backordered", urgent["status"]!.GetValue<string>());

        await Scenario.SetStockAsync(first.Operator, sku, 7);

        await second.WaitForStatusAsync(urgent["orderId"]!.GetValue<string>(), "ReleasedToWarehouse", TimeSpan.FromSeconds(20));
        var partial = await WaitForAsync(first, early["orderId"]!.GetValue<string>(), o => o["lines"]![0]!["allocated"]!.GetValue<int>() == 2);
        Assert.Equal("Backordered", partial["status"]!.GetValue<string>());
        Assert.Equal(3, partial["lines"]![0]!["backordered"]!.GetValue<int>());
    }

    [Fact]
    public async Task CancellingABackorder_ReleasesWhatItHeld_AndLaterStockGoesToNobody()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 2, skuCount: 1);
        var sku = scenario.Skus[0];
        await SetPolicyAsync(scenario, new { allocation = "allowBackorder" });
        var order = await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-cancel", (sku, 5)));
        var orderId = order["orderId"]!.GetValue<string>();

        using var cancelled = await scenario.Partner.PostAsJsonAsync($"/v1/orders/{orderId}/cancel", new { reason = "customer withdrew" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        await Scenario.SetStockAsync(scenario.Operator, sku, 10);

        var position = await WaitForStockAsync(scenario, sku, p => p["reserved"]!.GetValue<int>() == 0 && p["backordered"]!.GetValue<int>() == 0);
        Assert.Equal(10, position["available"]!.GetValue<int>());
        Assert.Equal("Cancelled", (await scenario.GetOrderAsync(orderId))["status"]!.GetValue<string>());
    }

    private static async Task SetPolicyAsync(Scenario scenario, object policy)
    {
        using var response = await scenario.Operator.PutAsJsonAsync($"/v1/partners/{scenario.PartnerId}/inventory-policy", policy);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonObject> WaitForAsync(Scenario scenario, string orderId, Func<JsonObject, bool> expectation)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var order = await scenario.GetOrderAsync(orderId);
            if (expectation(order) || DateTime.UtcNow > deadline)
            {
                Assert.True(expectation(order), order.ToJsonString());
                return order;
            }

            await Task.Delay(50);
        }
    }

    private static async Task<JsonObject> WaitForStockAsync(Scenario scenario, string sku, Func<JsonObject, bool> expectation)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var position = await scenario.GetInventoryAsync(sku);
            if (expectation(position) || DateTime.UtcNow > deadline)
            {
                Assert.True(expectation(position), position.ToJsonString());
                return position;
            }

            await Task.Delay(50);
        }
    }
}
