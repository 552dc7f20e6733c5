using System.Net;
using System.Net.Http.Json;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class LifecycleTests(ApiFixture api)
{
    [Fact]
    public async Task AcceptedOrder_WithoutAnyoneTouchingIt_ReachesReleasedToWarehouse()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var order = await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1)));

        var released = await scenario.WaitForStatusAsync(order["orderId"]!.GetValue<string>(), "ReleasedToWarehouse");

        var statuses = released["timeline"]!.AsArray().Select(entry => entry!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(["Accepted", "ErpCommitted", "ReleasedToWarehouse"], statuses);
    }

    [Fact]
    public async Task ShippedEvent_RepeatedThenDelivered_DeductsOnHandOnceAndDelivers()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 50);
        var sku = scenario.Skus[0];
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (sku, 4))))["orderId"]!.GetValue<string>();
        await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");

        for (var i = 0; i < 3; i++)
        {
            using var shipped = await scenario.Operator.PostAsJsonAsync("/v1/shipments/events",
                new { orderId, milestone = "Shipped", carrier = "UPS", trackingNumber = "1Z999" });
            Assert.True(shipped.IsSuccessStatusCode, await shipped.Content.ReadAsStringAsync());
        }

        var position = await scenario.GetInventoryAsync(sku);
        Assert.Equal(46, position["onHand"]!.GetValue<int>());
        Assert.Equal(0, position["reserved"]!.GetValue<int>());
        Assert.Equal(46, position["available"]!.GetValue<int>());

        using var delivered = await scenario.Operator.PostAsJsonAsync("/v1/shipments/events", new { orderId, milestone = "Delivered", carrier = "UPS", trackingNumber = "1Z999" });
        Assert.True(delivered.IsSuccessStatusCode);
        var order = await scenario.GetOrderAsync(orderId);
        Assert.Equal("Delivered", order["status"]!.GetValue<string>());
        Assert.Single(order["timeline"]!.AsArray(), entry => entry!["status"]!.GetValue<string>() == "Shipped");
    }

    [Fact]
    public async Task Cancel_AcceptedOrder_ReleasesReservations()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 10);
        var sku = scenario.Skus[0];
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (sku, 3))))["orderId"]!.GetValue<string>();

        using var response = await scenario.Partner.PostAsync($"/v1/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Cancelled", (await Scenario.ReadObjectAsync(response))["status"]!.GetValue<string>());
        var position = await scenario.GetInventoryAsync(sku);
        Assert.Equal(0, position["reserved"]!.GetValue<int>());
        Assert.Equal(10, position["available"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cancel_AfterShipped_409AndStockUnchanged()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 10);
        var sku = scenario.Skus[0];
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (sku, 2))))["orderId"]!.GetValue<string>();
        await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");
        using var shipped = await scenario.Operator.PostAsJsonAsync("/v1/shipments/events", new { orderId, milestone = "Shipped" });
        Assert.True(shipped.IsSuccessStatusCode);

        using var response = await scenario.Partner.PostAsync($"/v1/orders/{orderId}/cancel", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("Shipped", (await scenario.GetOrderAsync(orderId))["status"]!.GetValue<string>());
        Assert.Equal(8, (await scenario.GetInventoryAsync(sku))["onHand"]!.GetValue<int>());
    }

    [Fact]
    public async Task ShippedEvent_BeforeWarehouseRelease_409()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 5);
        var order = await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 10)));
        Assert.Equal("OnHold", order["status"]!.GetValue<string>());

        using var response = await scenario.Operator.PostAsJsonAsync("/v1/shipments/events",
            new { orderId = order["orderId"]!.GetValue<string>(), milestone = "Shipped" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ShippedEvent_UnknownOrder_404()
    {
        using var client = api.Operator();

        using var response = await client.PostAsJsonAsync("/v1/shipments/events", new { orderId = $"ord_{Guid.NewGuid():N}", milestone = "Shipped" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}
