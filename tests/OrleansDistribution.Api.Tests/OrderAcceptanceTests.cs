using System.Net;
using System.Net.Http.Json;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class OrderAcceptanceTests(ApiFixture api)
{
    [Fact]
    public async Task Submit_StockedAndPricedLines_AcceptedPricedAndReserved()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 100, unitPrice: 12.50m);
        var (sku1, sku2) = (scenario.Skus[0], scenario.Skus[1]);

        using var response = await scenario.SubmitAsync(Scenario.OrderBody("PO-1", (sku1, 2), (sku2, 3)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await Scenario.ReadObjectAsync(response);
        var orderId = order["orderId"]!.GetValue<string>();
        Assert.Equal($"/v1/orders/{orderId}", response.Headers.Location?.OriginalString);
        Assert.Equal("Accepted", order["status"]!.GetValue<string>());
        Assert.Equal(scenario.PartnerId, order["partnerId"]!.GetValue<string>());
        Assert.Equal("PO-1", order["channelOrderRef"]!.GetValue<string>());
        Assert.Equal("v1", order["priceListVersion"]!.GetValue<string>());
        Assert.Equal(62.50m, order["total"]!.GetValue<decimal>());
        Assert.All(order["lines"]!.AsArray(), line => Assert.Equal(12.50m, line!["unitPrice"]!.GetValue<decimal>()));

        var position = await scenario.GetInventoryAsync(sku1);
        Assert.Equal(100, position["onHand"]!.GetValue<int>());
        Assert.Equal(2, position["reserved"]!.GetValue<int>());
        Assert.Equal(98, position["available"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_AfterNewPriceListVersion_NewOrderUsesNewVersionOldOrderKeepsItsOwn()
    {
        using var scenario = await Scenario.CreateAsync(api, unitPrice: 10m);
        var sku = scenario.Skus[0];
        var first = await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-old", (sku, 1)));

        var published = await scenario.Operator.PutAsJsonAsync($"/v1/partners/{scenario.PartnerId}/price-list",
            new { version = "v2", currency = "USD", lines = scenario.Skus.Select(s => new { sku = s, unitPrice = 11.25m }) });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var second = await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-new", (sku, 2)));

        Assert.Equal("v2", second["priceListVersion"]!.GetValue<string>());
        Assert.Equal(22.50m, second["total"]!.GetValue<decimal>());
        var reread = await scenario.GetOrderAsync(first["orderId"]!.GetValue<string>());
        Assert.Equal("v1", reread["priceListVersion"]!.GetValue<string>());
        Assert.Equal(10m, reread["total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Submit_UnknownSku_422AndNothingReserved()
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var response = await scenario.SubmitAsync(Scenario.OrderBody("PO-2", (scenario.Skus[0], 1), ($"NOPE-{Guid.NewGuid():N}", 1)));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.EndsWith("unknown-sku", problem["type"]!.GetValue<string>());
        Assert.Equal(0, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_SkuStockedButNotInContract_422AndNothingReserved()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var unpriced = $"SKU-unpriced-{Guid.NewGuid():N}";
        await Scenario.SetStockAsync(scenario.Operator, unpriced, 10);

        using var response = await scenario.SubmitAsync(Scenario.OrderBody("PO-3", (scenario.Skus[0], 1), (unpriced, 1)));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.EndsWith("unpriced-sku", problem["type"]!.GetValue<string>());
        Assert.Contains(unpriced, problem["detail"]!.GetValue<string>());
        Assert.Equal(0, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
        Assert.Equal(0, (await scenario.GetInventoryAsync(unpriced))["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_InactiveCustomer_422()
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var response = await scenario.SubmitAsync(new
        {
            channelOrderRef = "PO-4",
            customerId = "INACTIVE-7",
            lines = new[] { new { sku = scenario.Skus[0], quantity = 1 } },
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.EndsWith("inactive-customer", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submit_OneLineShortOfStock_OnHoldStockConstrainedWithNoPartialReservation()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 5);
        var (plenty, scarce) = (scenario.Skus[0], scenario.Skus[1]);

        var order = await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-5", (plenty, 2), (scarce, 6)));

        Assert.Equal("OnHold", order["status"]!.GetValue<string>());
        Assert.Equal("StockConstrained", order["exception"]!["type"]!.GetValue<string>());
        Assert.Contains(scarce, order["exception"]!["lastError"]!.GetValue<string>());
        Assert.Equal(0, (await scenario.GetInventoryAsync(plenty))["reserved"]!.GetValue<int>());
        Assert.Equal(0, (await scenario.GetInventoryAsync(scarce))["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_FortyConcurrentOrdersForTenUnits_ExactlyTenAccepted()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 10, skuCount: 1);
        var sku = scenario.Skus[0];

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await scenario.SubmitAsync(Scenario.OrderBody($"PO-race-{i}", (sku, 1)));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await Scenario.ReadObjectAsync(response))["status"]!.GetValue<string>();
        }));

        Assert.Equal(10, responses.Count(status => status == "Accepted"));
        Assert.Equal(30, responses.Count(status => status == "OnHold"));
        var position = await scenario.GetInventoryAsync(sku);
        Assert.Equal(10, position["reserved"]!.GetValue<int>());
        Assert.Equal(0, position["available"]!.GetValue<int>());
    }
}
