using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.ErpSimulator.Tests.Fixtures;
using OrleansDistribution.Integration;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.ErpSimulator.Tests;

/// <summary>The ERP's stock book: PUT /_sim/stock/{sku} books on-hand, GET /erp/stock pages it (docs/integration-contract.md).</summary>
public sealed class StockTests
{
    [Fact]
    public async Task SetStock_EachPut_SequenceGrowsByOnePerSkuAndGetReturnsTheLatest()
    {
        await using var simulator = new Simulator();

        var first = await simulator.SetStockAsync("SKU-1", 10);
        var other = await simulator.SetStockAsync("SKU-2", 4);
        var second = await simulator.SetStockAsync("SKU-1", 10);
        var third = await simulator.SetStockAsync("SKU-1", 3);

        Assert.Equal(1, first["erpSequence"]!.GetValue<long>());
        Assert.Equal(1, other["erpSequence"]!.GetValue<long>());
        Assert.Equal(2, second["erpSequence"]!.GetValue<long>());
        Assert.Equal(3, third["erpSequence"]!.GetValue<long>());
        Assert.Equal("SKU-1", third["sku"]!.GetValue<string>());
        Assert.Equal(3, third["onHand"]!.GetValue<int>());
        Assert.True(third["asOf"]!.GetValue<DateTimeOffset>() >= first["asOf"]!.GetValue<DateTimeOffset>());
        using var read = await simulator.Client.GetAsync("/_sim/stock/SKU-1");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(JsonNode.DeepEquals(third, await Simulator.ReadObjectAsync(read)));
    }

    [Fact]
    public async Task GetStock_NeverBooked_404Problem()
    {
        await using var simulator = new Simulator();

        using var response = await simulator.Client.GetAsync("/_sim/stock/SKU-NEVER");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"onHand":null}""")]
    [InlineData("""{"onHand":-1}""")]
    public async Task SetStock_WithoutOrNegativeOnHand_400AndNothingBooked(string body)
    {
        await using var simulator = new Simulator();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await simulator.Client.PutAsync("/_sim/stock/SKU-1", content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["onHand"]);
        using var read = await simulator.Client.GetAsync("/_sim/stock/SKU-1");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task StockSnapshot_FollowingNext_EverySkuOnceInOrdinalOrderAndNextNullOnTheLastPage()
    {
        await using var simulator = new Simulator();
        // Booked out of order; ordinal order puts "SKU-10" before "SKU-2" and upper case before lower case.
        foreach (var sku in new[] { "sku-a", "SKU-2", "SKU-10", "SKU-1", "SKU-B" })
        {
            await simulator.SetStockAsync(sku, 1);
        }

        var pages = new List<JsonObject>();
        string? after = null;
        do
        {
            using var response = await simulator.StockPageAsync(after, 2);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Simulator.ReadObjectAsync(response);
            pages.Add(page);
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null && pages.Count < 10);

        Assert.Equal(3, pages.Count);
        Assert.Equal(["SKU-1", "SKU-10"], Skus(pages[0]));
        Assert.Equal("SKU-10", pages[0]["next"]!.GetValue<string>());
        Assert.Equal(["SKU-2", "SKU-B"], Skus(pages[1]));
        Assert.Equal(["sku-a"], Skus(pages[2]));
        // The last page says so explicitly: "next": null, not a missing field.
        Assert.True(pages[2].ContainsKey("next"));
        Assert.Null(pages[2]["next"]);
        var position = pages[0]["positions"]![0]!.AsObject();
        Assert.Equal(["sku", "onHand", "erpSequence", "asOf"], position.Select(field => field.Key));
    }

    [Fact]
    public async Task StockSnapshot_CursorIsTheLastSkuOfThePreviousPage_EvenWhenItNeedsEscaping()
    {
        await using var simulator = new Simulator();
        foreach (var sku in new[] { "A 1+x", "A 1+y", "B&C" })
        {
            await simulator.SetStockAsync(sku, 2);
        }

        using var first = await simulator.StockPageAsync(null, 1);
        var cursor = (await Simulator.ReadObjectAsync(first))["next"]!.GetValue<string>();
        using var second = await simulator.StockPageAsync(cursor, 5);

        Assert.Equal("A 1+x", cursor);
        Assert.Equal(["A 1+y", "B&C"], Skus(await Simulator.ReadObjectAsync(second)));
    }

    [Fact]
    public async Task StockSnapshot_EmptyBook_EmptyLastPage()
    {
        await using var simulator = new Simulator();

        using var response = await simulator.StockPageAsync(null, 10);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Simulator.ReadObjectAsync(response);
        Assert.Empty(page["positions"]!.AsArray());
        Assert.Null(page["next"]);
    }

    [Theory]
    [InlineData("/erp/stock")]
    [InlineData("/erp/stock?limit=0")]
    [InlineData("/erp/stock?limit=-5")]
    [InlineData("/erp/stock?limit=1001")]
    [InlineData("/erp/stock?after=A&limit=abc")]
    public async Task StockSnapshot_LimitMissingOrOutOfRange_400Problem(string path)
    {
        await using var simulator = new Simulator();

        using var response = await simulator.Client.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StockSnapshot_LimitOutOfRange_DetailNamesTheLimit()
    {
        // The detail is what the HTTP adapter reports as the refusal's reason.
        await using var simulator = new Simulator();

        using var response = await simulator.StockPageAsync(null, 5000);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("limit: Must be between 1 and 1000.", problem["detail"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["limit"]);
    }

    [Fact]
    public async Task StockSnapshot_ErpDown_503WithRetryAfter()
    {
        await using var simulator = new Simulator();
        await simulator.SetStockAsync("SKU-1", 1);
        await simulator.SetFaultsAsync(new { down = true, system = "erp" });

        using var response = await simulator.StockPageAsync(null, 10);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("erp", problem["system"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task StockSnapshot_ErrorRateOne_500()
    {
        await using var simulator = new Simulator();
        await simulator.SetFaultsAsync(new { errorRate = 1.0, system = "erp" });

        using var response = await simulator.StockPageAsync(null, 10);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task StockSnapshot_WmsDownOrRejectSkus_StillAnswers()
    {
        // WMS faults are the WMS's; rejectSkus refuses commits, not reads of the SKUs.
        await using var simulator = new Simulator();
        await simulator.SetStockAsync("SKU-BLOCKED", 1);
        await simulator.SetFaultsAsync(new { down = true, system = "wms" });
        await simulator.SetFaultsAsync(new { rejectSkus = new[] { "SKU-BLOCKED" }, system = "erp" });

        using var response = await simulator.StockPageAsync(null, 10);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["SKU-BLOCKED"], Skus(await Simulator.ReadObjectAsync(response)));
    }

    [Fact]
    public async Task StockSnapshot_DropResponseRateOne_ConnectionLost()
    {
        await using var simulator = new Simulator();
        await simulator.SetFaultsAsync(new { dropResponseRate = 1.0, system = "erp" });

        var lost = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => simulator.StockPageAsync(null, 10));

        Assert.Contains("aborted", lost.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HttpAdapter_AgainstTheSimulator_PagesTheWholeBookThenAnErpOutageIsUnavailable()
    {
        // Both sides of the contract together: what the simulator writes is what the adapter reads.
        await using var simulator = new Simulator(overKestrel: true);
        for (var i = 1; i <= 5; i++)
        {
            await simulator.SetStockAsync($"SKU-{i}", i);
        }

        var booked = await simulator.SetStockAsync("SKU-3", 30);
        await using var provider = ErpAt(simulator.BaseAddress);
        var erp = provider.GetRequiredService<IErpPort>();
        var context = new OutboundContext("stock-refresh-1:erp-stock-snapshot", "corr-stock-1");

        var seen = new List<ErpStockPosition>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = await erp.GetStockSnapshotAsync(after, 2, context, CancellationToken.None);
            seen.AddRange(page.Positions);
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"SKU-{i}"), seen.Select(position => position.Sku));
        Assert.Equal(new ErpStockPosition("SKU-3", 30, 2, booked["asOf"]!.GetValue<DateTimeOffset>()), seen[2]);

        await simulator.SetFaultsAsync(new { down = true, system = "erp" });
        var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() => erp.GetStockSnapshotAsync(null, 2, context, CancellationToken.None));
        Assert.Equal(DownstreamSystem.Erp, failure.System);
        Assert.Contains("503", failure.Message);
    }

    private static IEnumerable<string> Skus(JsonObject page) =>
        page["positions"]!.AsArray().Select(position => position!["sku"]!.GetValue<string>());

    /// <summary>The ERP port as a silo gets it with Distribution:Erp:BaseUrl set: the HTTP adapter, retries kept short.</summary>
    private static ServiceProvider ErpAt(Uri baseAddress)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Distribution:Erp:BaseUrl"] = baseAddress.ToString(),
            ["Distribution:Erp:MaxRetryAttempts"] = "1",
            ["Distribution:Erp:BaseDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDistributionDownstreams(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
