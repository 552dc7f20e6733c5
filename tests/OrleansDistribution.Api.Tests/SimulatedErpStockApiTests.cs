using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Api.Tests;

/// <summary>PUT/GET /v1/simulation/erp/stock/{sku}: the operator books the simulated ERP's on-hand that its stock snapshot pages.</summary>
[Collection(ApiCollection.Name)]
public sealed class SimulatedErpStockApiTests(ApiFixture api)
{
    [Fact]
    public async Task SetErpStock_EachPut_SequenceGrowsByOneAndGetAndTheErpSnapshotShowTheLatest()
    {
        using var client = api.Operator();
        var sku = NewSku();

        var first = await SetAsync(client, sku, 40);
        var second = await SetAsync(client, sku, 40);
        var third = await SetAsync(client, sku, 7);
        using var read = await client.GetAsync($"/v1/simulation/erp/stock/{sku}");

        Assert.Equal(["sku", "onHand", "erpSequence", "asOf"], third.Select(field => field.Key));
        Assert.Equal((sku, 7), (third["sku"]!.GetValue<string>(), third["onHand"]!.GetValue<int>()));
        Assert.Equal([1L, 2L, 3L], new[] { first, second, third }.Select(position => position["erpSequence"]!.GetValue<long>()));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(JsonNode.DeepEquals(third, JsonNode.Parse(await read.Content.ReadAsStringAsync())));

        // The book the endpoint writes is the one the silo's simulated ERP pages for a stock refresh.
        var erp = api.Services.GetRequiredService<IErpPort>();
        var context = new OutboundContext("api-test:erp-stock-snapshot", "corr-api-test");
        ErpStockPosition? found = null;
        string? after = null;
        do
        {
            var page = await erp.GetStockSnapshotAsync(after, 1_000, context, CancellationToken.None);
            found ??= page.Positions.FirstOrDefault(position => position.Sku == sku);
            after = page.Next;
        }
        while (found is null && after is not null);

        Assert.Equal(new ErpStockPosition(sku, 7, 3, third["asOf"]!.GetValue<DateTimeOffset>()), found);
    }

    [Fact]
    public async Task GetErpStock_NeverBooked_404UnknownSku()
    {
        using var client = api.Operator();

        using var response = await client.GetAsync($"/v1/simulation/erp/stock/{NewSku()}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.EndsWith("/problems/unknown-sku", problem["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{}", "onHand")]
    [InlineData("""{"onHand":null}""", "onHand")]
    [InlineData("""{"onHand":-1}""", "onHand")]
    [InlineData("""{"onHand":1000000001}""", "onHand")]
    [InlineData("""{"onHand":"5"}""", null)]
    [InlineData("""{"onHand":1.5}""", null)]
    public async Task SetErpStock_BadBody_400AndNothingBooked(string body, string? field)
    {
        using var client = api.Operator();
        var sku = NewSku();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await client.PutAsync($"/v1/simulation/erp/stock/{sku}", content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        if (field is not null)
        {
            Assert.NotNull(problem["errors"]![field]);
        }

        using var read = await client.GetAsync($"/v1/simulation/erp/stock/{sku}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task SetErpStock_SkuThatIsNoIdentifier_400NamingTheSku()
    {
        using var client = api.Operator();

        using var response = await client.PutAsJsonAsync($"/v1/simulation/erp/stock/{Uri.EscapeDataString("SKU 1")}", new { onHand = 1 });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["sku"]);
    }

    [Fact]
    public async Task ErpStock_WithoutOperatorKey_401()
    {
        using var client = api.ClientWithKey(null);

        using var set = await client.PutAsJsonAsync($"/v1/simulation/erp/stock/{NewSku()}", new { onHand = 1 });
        using var read = await client.GetAsync($"/v1/simulation/erp/stock/{NewSku()}");

        await ProblemAssert.IsProblemAsync(set, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.Unauthorized);
    }

    private static string NewSku() => $"SIM-ERP-{Guid.NewGuid():N}"[..24];

    private static async Task<JsonObject> SetAsync(HttpClient client, string sku, int onHand)
    {
        using var response = await client.PutAsJsonAsync($"/v1/simulation/erp/stock/{sku}", new { onHand });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }
}
