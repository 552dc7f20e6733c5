using System.Net;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class CorrelationTests(ApiFixture api)
{
    [Fact]
    public async Task Submit_WithCorrelationId_EchoedAndOnEveryTimelineEntryItCaused()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var correlationId = $"corr-{Guid.NewGuid():N}";

        using var response = await scenario.SubmitAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1)), correlationId: correlationId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(correlationId, Assert.Single(response.Headers.GetValues("X-Correlation-ID")));
        var orderId = (await Scenario.ReadObjectAsync(response))["orderId"]!.GetValue<string>();
        var order = await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");
        var timeline = order["timeline"]!.AsArray();
        Assert.Equal(3, timeline.Count);
        Assert.All(timeline, entry => Assert.Equal(correlationId, entry!["correlationId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnyRequest_WithoutCorrelationId_GetsOneOnResponseAndProblem()
    {
        using var client = api.ClientWithKey(null);

        using var response = await client.GetAsync("/v1/orders/whatever");

        var generated = Assert.Single(response.Headers.GetValues("X-Correlation-ID"));
        Assert.False(string.IsNullOrWhiteSpace(generated));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(generated, problem["correlationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_WithItsOwnCorrelationId_TimelineEntryCarriesIt()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1)), correlationId: "submit-1"))["orderId"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/orders/{orderId}/cancel");
        request.Headers.Add("X-Correlation-ID", "cancel-1");

        using var response = await scenario.Partner.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = (await Scenario.ReadObjectAsync(response))["timeline"]!.AsArray().Last()!;
        Assert.Equal("Cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal("cancel-1", cancelled["correlationId"]!.GetValue<string>());
    }
}
