using System.Net;
using System.Net.Http.Json;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Recovery;

/// <summary>With a real ERP behind the HTTP adapter there is no simulated stock book to set: the API's endpoints say so.</summary>
[Collection(HttpDownstreamCollection.Name)]
public sealed class SimulatedErpStockWithRealErpTests(HttpDownstreamApiFixture api)
{
    [Fact]
    public async Task ErpStock_RealErpConfigured_404SimulationNotInUse()
    {
        using var client = api.Operator();

        using var set = await client.PutAsJsonAsync("/v1/simulation/erp/stock/SKU-1", new { onHand = 1 });
        using var read = await client.GetAsync("/v1/simulation/erp/stock/SKU-1");

        var problem = await ProblemAssert.IsProblemAsync(set, HttpStatusCode.NotFound);
        Assert.EndsWith("/problems/simulation-not-in-use", problem["type"]!.GetValue<string>());
        Assert.Contains("/_sim/stock", problem["detail"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
    }
}
