using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests;

/// <summary>GET /v1/orders: search by business key over real HTTP, as channels and the operator use it.</summary>
[Collection(ApiCollection.Name)]
public sealed class OrderSearchTests(ApiFixture api)
{
    [Fact]
    public async Task Search_ByChannelOrderRef_FindsTheOrderAsSoonAsIts201Returned()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var reference = $"PO-{Guid.NewGuid():N}"[..20];

        var created = await scenario.SubmitCreatedAsync(Body(reference, "C-17", scenario.Skus[0], 2));
        var page = await SearchAsync(scenario.Partner, $"channelOrderRef={reference}");

        var order = Assert.Single(Orders(page));
        Assert.Equal(created["orderId"]!.GetValue<string>(), order["orderId"]!.GetValue<string>());
        Assert.Equal(scenario.PartnerId, order["partnerId"]!.GetValue<string>());
        Assert.Equal(reference, order["channelOrderRef"]!.GetValue<string>());
        Assert.Equal("C-17", order["customerId"]!.GetValue<string>());
        Assert.Equal(25.00m, order["total"]!.GetValue<decimal>());
        Assert.Equal("USD", order["currency"]!.GetValue<string>());
        Assert.Equal(created["createdAt"]!.GetValue<DateTimeOffset>(), order["createdAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(page["next"]?.GetValue<string>());
    }

    [Fact]
    public async Task Search_TwoPartners_BNeverSeesAsOrdersAndCannotAskForThem()
    {
        using var a = await Scenario.CreateAsync(api);
        using var b = await Scenario.CreateAsync(api);
        var shared = $"PO-{Guid.NewGuid():N}"[..20];
        var aOrders = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            aOrders.Add((await a.SubmitCreatedAsync(Body(i == 0 ? shared : $"{shared}-{i}", "C-1", a.Skus[0], 1)))["orderId"]!.GetValue<string>());
        }

        var bOrder = (await b.SubmitCreatedAsync(Body(shared, "C-1", b.Skus[0], 1)))["orderId"]!.GetValue<string>();

        var bByRef = await SearchAsync(b.Partner, $"channelOrderRef={shared}");
        var bAll = await SearchAsync(b.Partner, "limit=200");
        var bOwnPartnerId = await SearchAsync(b.Partner, $"partnerId={b.PartnerId}&channelOrderRef={shared}");
        using var bAsksForA = await b.Partner.GetAsync($"/v1/orders?partnerId={a.PartnerId}");
        var operatorByRef = await SearchAsync(a.Operator, $"channelOrderRef={shared}");
        var operatorForA = await SearchAsync(a.Operator, $"partnerId={a.PartnerId}");

        Assert.Equal([bOrder], Ids(bByRef));
        Assert.Equal([bOrder], Ids(bAll));
        Assert.Equal([bOrder], Ids(bOwnPartnerId));
        var problem = await ProblemAssert.IsProblemAsync(bAsksForA, HttpStatusCode.Forbidden);
        Assert.Equal("/problems/forbidden", problem["type"]!.GetValue<string>());
        Assert.Equal([bOrder, aOrders[0]], Ids(operatorByRef));
        Assert.Equal(aOrders.AsEnumerable().Reverse(), Ids(operatorForA));
    }

    [Fact]
    public async Task Search_Filters_EachNarrowsToTheOrdersThatMatch()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 5);
        var run = Guid.NewGuid().ToString("N")[..8];
        var before = await scenario.SubmitCreatedAsync(Body($"PO-{run}-0", $"C-{run}-x", scenario.Skus[0], 1));
        var held = await scenario.SubmitCreatedAsync(Body($"PO-{run}-1", $"C-{run}-y", scenario.Skus[1], 50));
        var after = await scenario.SubmitCreatedAsync(Body($"PO-{run}-2", $"C-{run}-x", scenario.Skus[0], 1));
        Assert.Equal("OnHold", held["status"]!.GetValue<string>());
        var from = Uri.EscapeDataString(held["createdAt"]!.GetValue<DateTimeOffset>().ToString("O"));
        var to = Uri.EscapeDataString(after["createdAt"]!.GetValue<DateTimeOffset>().ToString("O"));

        Assert.Equal(new[] { after, before }.Select(Id), Ids(await SearchAsync(scenario.Partner, $"customerId=C-{run}-x")));
        Assert.Equal([Id(held)], Ids(await SearchAsync(scenario.Partner, "status=OnHold")));
        Assert.Equal([Id(held)], Ids(await SearchAsync(scenario.Partner, "status=onhold")));
        Assert.Equal([Id(held)], Ids(await SearchAsync(scenario.Partner, $"createdFrom={from}&createdTo={to}")));
        Assert.Equal(new[] { after, held }.Select(Id), Ids(await SearchAsync(scenario.Partner, $"createdFrom={from}")));
        Assert.Empty(Ids(await SearchAsync(scenario.Partner, $"customerId=C-{run}-y&status=Accepted")));
    }

    [Fact]
    public async Task Search_PagedWhileOrdersAreBeingCreated_NoDuplicatesAndNoGaps()
    {
        using var scenario = await Scenario.CreateAsync(api, stock: 10_000);
        var existing = new List<string>();
        foreach (var i in Enumerable.Range(0, 40))
        {
            existing.Add(Id(await scenario.SubmitCreatedAsync(Body($"PO-old-{i}", "C-1", scenario.Skus[i % 2], 1))));
        }

        // A channel keeps submitting while another client pages through with small pages.
        using var stop = new CancellationTokenSource();
        var createdDuring = new ConcurrentBag<string>();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                createdDuring.Add(Id(await scenario.SubmitCreatedAsync(Body($"PO-new-{i}", "C-1", scenario.Skus[i % 2], 1))));
            }
        });
        await Eventually.HoldsAsync(() => !createdDuring.IsEmpty, "orders being created while paging");

        var seen = new List<JsonObject>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await SearchAsync(scenario.Partner, cursor is null ? "limit=7" : $"limit=7&cursor={cursor}");
            seen.AddRange(Orders(page));
            cursor = page["next"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null);

        await stop.CancelAsync();
        await writer;

        var ids = seen.Select(Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(existing, id => Assert.Contains(id, ids));
        Assert.All(ids, id => Assert.True(existing.Contains(id) || createdDuring.Contains(id), $"{id} is not an order of this partner"));
        var keys = seen.Select(order => (At: order["createdAt"]!.GetValue<DateTimeOffset>(), Id: Id(order))).ToList();
        Assert.True(keys.Zip(keys.Skip(1)).All(pair => pair.First.At > pair.Second.At || (pair.First.At == pair.Second.At && string.CompareOrdinal(pair.First.Id, pair.Second.Id) > 0)),
            "results are newest first");
        Assert.True(pages >= 6, $"{pages} pages");
    }

    [Theory]
    [InlineData("status=Lost", "status")]
    [InlineData("createdFrom=2026-12-01", "createdFrom")]
    [InlineData("createdFrom=2026-12-01T08:00:00", "createdFrom")]
    [InlineData("createdTo=yesterday", "createdTo")]
    [InlineData("createdFrom=2026-12-02T00:00:00Z&createdTo=2026-12-01T00:00:00Z", "createdTo")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=%2F%2F%2F", "cursor")]
    [InlineData("channelOrderRef=PO%201", "channelOrderRef")]
    [InlineData("customerId=C%00", "customerId")]
    public async Task Search_BadParameter_ValidationProblemNamingIt(string query, string parameter)
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var response = await scenario.Partner.GetAsync($"/v1/orders?{query}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("/problems/validation-failed", problem["type"]!.GetValue<string>());
        Assert.True(problem["errors"]![parameter] is not null, problem.ToJsonString());
    }

    [Fact]
    public async Task Search_CursorOfWellFormedBase64ButNotOurs_ValidationProblem()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("hello world")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        using var response = await scenario.Partner.GetAsync($"/v1/orders?cursor={forged}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!["cursor"] is not null, problem.ToJsonString());
    }

    [Fact]
    public async Task Search_LimitNotANumber_MalformedRequestProblem()
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var response = await scenario.Partner.GetAsync("/v1/orders?limit=many");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("/problems/malformed-request", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_WithoutKey_Unauthenticated()
    {
        using var anonymous = api.ClientWithKey(null);

        using var response = await anonymous.GetAsync("/v1/orders?channelOrderRef=PO-1");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    private static object Body(string channelOrderRef, string customerId, string sku, int quantity) =>
        new { channelOrderRef, customerId, lines = new[] { new { sku, quantity } } };

    private static async Task<JsonObject> SearchAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/v1/orders?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /v1/orders?{query}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static List<JsonObject> Orders(JsonObject page) => [.. page["orders"]!.AsArray().Select(order => order!.AsObject())];

    private static List<string> Ids(JsonObject page) => [.. Orders(page).Select(Id)];

    private static string Id(JsonObject order) => order["orderId"]!.GetValue<string>();
}
