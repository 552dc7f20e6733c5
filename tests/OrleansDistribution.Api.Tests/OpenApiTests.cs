using System.Net;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(ApiFixture api)
{
    [Fact]
    public async Task OpenApiDocument_DescribesEveryV1Path()
    {
        using var client = api.ClientWithKey(null);

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["paths"]!.AsObject();
        foreach (var path in new[]
                 {
                     "/v1/partners", "/v1/partners/{partnerId}/price-list", "/v1/inventory/{sku}", "/v1/orders",
                     "/v1/orders/{orderId}", "/v1/orders/{orderId}/cancel", "/v1/shipments/events", "/v1/events/stream",
                 })
        {
            Assert.True(paths.ContainsKey(path), $"OpenAPI lacks {path}; has {string.Join(", ", paths.Select(p => p.Key))}");
        }
    }

    [Fact]
    public async Task Health_LiveAndReady_200WithoutKey()
    {
        using var client = api.ClientWithKey(null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
