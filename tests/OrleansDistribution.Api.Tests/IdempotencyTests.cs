using System.Net;
using System.Net.Http.Json;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiFixture api)
{
    [Fact]
    public async Task Submit_SameKeySameBody_ReplaysFirstResponse()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var key = Guid.NewGuid().ToString();
        var body = Scenario.OrderBody("PO-1", (scenario.Skus[0], 2));

        using var first = await scenario.SubmitAsync(body, key);
        using var second = await scenario.SubmitAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(2, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("po-{1}")]
    [InlineData("po-{0}{1}-%s-%d")]
    [InlineData("po-\"quoted\"-'single'-\\-~!@#$^&*()[]<>?")]
    [InlineData("{")]
    public async Task Submit_AnyPrintableKey_201ThenReplayedTheSameOrder(string printable)
    {
        // Keys once went through a format string in the storage layer: a brace answered 503 after the order was made.
        using var scenario = await Scenario.CreateAsync(api);
        var key = $"{printable}-{Guid.NewGuid():N}";
        var body = Scenario.OrderBody("PO-1", (scenario.Skus[0], 1));

        var orderIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await scenario.SubmitAsync(body, key);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            orderIds.Add((await Scenario.ReadObjectAsync(response))["orderId"]!.GetValue<string>());
        }

        Assert.Single(orderIds.Distinct());
        Assert.Equal(1, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{id}")]
    [InlineData("SKU-{0}-%d")]
    public async Task Inventory_SkuWithBracesOrFormatCharacters_SetAndReadBack(string printable)
    {
        using var operatorClient = api.Operator();
        var sku = $"{printable}-{Guid.NewGuid():N}";
        var path = $"/v1/inventory/{Uri.EscapeDataString(sku)}";

        using (var set = await operatorClient.PutAsJsonAsync(path, new { onHand = 7 }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        using var read = await operatorClient.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var position = await Scenario.ReadObjectAsync(read);
        Assert.Equal(sku, position["sku"]!.GetValue<string>());
        Assert.Equal(7, position["onHand"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_SameKeyDifferentBody_422AndFirstOrderUntouched()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var key = Guid.NewGuid().ToString();
        await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 2)), key);

        using var response = await scenario.SubmitAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 3)), key);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.EndsWith("idempotency-key-reused", problem["type"]!.GetValue<string>());
        Assert.Equal(2, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_ThirtyConcurrentWithOneKey_ExactlyOneOrder()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var key = Guid.NewGuid().ToString();
        var body = Scenario.OrderBody("PO-storm", (scenario.Skus[0], 1));

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            using var response = await scenario.SubmitAsync(body, key);
            var replayed = response.Headers.Contains("Idempotent-Replayed");
            return (response.StatusCode, Body: await Scenario.ReadObjectAsync(response), replayed);
        }));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(results.Select(r => r.Body["orderId"]!.GetValue<string>()).Distinct());
        Assert.Equal(29, results.Count(r => r.replayed));
        Assert.Equal(1, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_KeysArePerPartner_SameKeyForTwoPartnersMakesTwoOrders()
    {
        using var a = await Scenario.CreateAsync(api);
        using var b = await Scenario.CreateAsync(api);
        var key = Guid.NewGuid().ToString();

        var orderA = await a.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (a.Skus[0], 1)), key);
        var orderB = await b.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (b.Skus[0], 1)), key);

        Assert.NotEqual(orderA["orderId"]!.GetValue<string>(), orderB["orderId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submit_RefusedRequest_LeavesKeyFreeForCorrectedBody()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var key = Guid.NewGuid().ToString();
        using var refused = await scenario.SubmitAsync(Scenario.OrderBody("PO-1", ($"NOPE-{Guid.NewGuid():N}", 1)), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        using var corrected = await scenario.SubmitAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1)), key);

        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.False(corrected.Headers.Contains("Idempotent-Replayed"));
    }
}
