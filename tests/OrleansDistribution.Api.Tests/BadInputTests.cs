using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFixture api)
{
    public static TheoryData<string, string, string, HttpStatusCode> BadOrders => new()
    {
        { "malformed JSON", "application/json", "{\"channelOrderRef\": \"PO-1\", \"lines\": [", HttpStatusCode.BadRequest },
        { "not an object", "application/json", "[1,2,3]", HttpStatusCode.BadRequest },
        { "empty body", "application/json", "", HttpStatusCode.BadRequest },
        { "missing customer", "application/json", "{\"channelOrderRef\":\"PO-1\",\"lines\":[{\"sku\":\"{sku}\",\"quantity\":1}]}", HttpStatusCode.BadRequest },
        { "empty lines", "application/json", "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[]}", HttpStatusCode.BadRequest },
        { "quantity zero", "application/json", "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[{\"sku\":\"{sku}\",\"quantity\":0}]}", HttpStatusCode.BadRequest },
        { "quantity negative", "application/json", "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[{\"sku\":\"{sku}\",\"quantity\":-3}]}", HttpStatusCode.BadRequest },
        { "quantity over a million", "application/json", "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[{\"sku\":\"{sku}\",\"quantity\":1000001}]}", HttpStatusCode.BadRequest },
        { "quantity beyond int", "application/json", "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[{\"sku\":\"{sku}\",\"quantity\":99999999999}]}", HttpStatusCode.BadRequest },
        { "quantity fractional", "application/json", "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[{\"sku\":\"{sku}\",\"quantity\":1.5}]}", HttpStatusCode.BadRequest },
        { "quantity as text", "application/json", "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[{\"sku\":\"{sku}\",\"quantity\":\"two\"}]}", HttpStatusCode.BadRequest },
        { "quantity as a numeric string", "application/json", "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[{\"sku\":\"{sku}\",\"quantity\":\"2\"}]}", HttpStatusCode.BadRequest },
        { "NUL in channelOrderRef", "application/json", "{\"channelOrderRef\":\"PO-\\u00001\",\"customerId\":\"C-1\",\"lines\":[{\"sku\":\"{sku}\",\"quantity\":1}]}", HttpStatusCode.BadRequest },
        { "ESC in customerId", "application/json", "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-\\u001b[31m\",\"lines\":[{\"sku\":\"{sku}\",\"quantity\":1}]}", HttpStatusCode.BadRequest },
        { "bidi override in customerId", "application/json", "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-\\u202e1\",\"lines\":[{\"sku\":\"{sku}\",\"quantity\":1}]}", HttpStatusCode.BadRequest },
        { "null line", "application/json", "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[null]}", HttpStatusCode.BadRequest },
        { "501 lines", "application/json", ManyLines(501), HttpStatusCode.BadRequest },
        { "wrong content type", "text/plain", "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[{\"sku\":\"{sku}\",\"quantity\":1}]}", HttpStatusCode.UnsupportedMediaType },
        { "2 MiB body", "application/json", "{\"channelOrderRef\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task SubmitOrder_BadInput_ProblemDetailsAndNothingWritten(string caseName, string contentType, string body, HttpStatusCode expected)
    {
        using var scenario = await Scenario.CreateAsync(api);
        var sku = scenario.Skus[0];
        var key = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/orders")
        {
            Content = new StringContent(body.Replace("{sku}", sku, StringComparison.Ordinal), Encoding.UTF8, contentType),
        };
        request.Headers.Add("Idempotency-Key", key);

        using var response = await scenario.Partner.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, expected);
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()) && problem["errors"] is null, $"{caseName}: no detail nor errors");
        Assert.Equal(0, (await scenario.GetInventoryAsync(sku))["reserved"]!.GetValue<int>());
        // The key was not consumed: a good body under it creates a fresh order, not a replay.
        using var good = await scenario.SubmitAsync(Scenario.OrderBody("PO-1", (sku, 1)), key);
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        Assert.False(good.Headers.Contains("Idempotent-Replayed"), caseName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("key-that-is-way-too-long")]
    public async Task SubmitOrder_MissingOrOversizedIdempotencyKey_400(string? key)
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/orders")
        {
            Content = new StringContent($"{{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[{{\"sku\":\"{scenario.Skus[0]}\",\"quantity\":1}}]}}", Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key.StartsWith("key-that", StringComparison.Ordinal) ? new string('k', 256) : key);
        }

        using var response = await scenario.Partner.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["Idempotency-Key"]);
        Assert.Equal(0, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[{\"sku\":\"A\",\"quantity\":1},{\"sku\":\"B\",\"quantity\":0}]}", "lines[1].quantity")]
    [InlineData("{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":[{\"sku\":\"A\",\"quantity\":1},null]}", "lines", "lines[1]")]
    [InlineData("{\"channelOrderRef\":\"PO 1\",\"customerId\":\"C-1\",\"lines\":[{\"sku\":\"A\",\"quantity\":1}]}", "channelOrderRef")]
    [InlineData("{\"channelOrderRef\":\"PO-1\",\"lines\":[{\"quantity\":1}]}", "lines[0].sku")]
    public async Task SubmitOrder_InvalidField_ErrorNamedByItsJsonPath_AndNothingReserved(string body, string field, string? named = null)
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", $"k-{Guid.NewGuid():N}");

        using var response = await scenario.Partner.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]![field] is not null, $"no error for {field}: {problem.ToJsonString()}");
        Assert.Contains(named ?? field, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await scenario.GetInventoryAsync(scenario.Skus[0]))["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task SetPriceList_SkuListedTwice_400NamingTheSecondLine()
    {
        using var client = api.Operator();

        using var response = await client.PutAsync("/v1/partners/nobody/price-list", new StringContent(
            "{\"version\":\"v1\",\"currency\":\"USD\",\"lines\":[{\"sku\":\"A\",\"unitPrice\":1},{\"sku\":\"A\",\"unitPrice\":2}]}", Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Listed twice.", problem["errors"]!["lines[1].sku"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/partners", "POST", "{\"partnerId\":\"has space\",\"name\":\"x\"}")]
    [InlineData("/v1/partners", "POST", "{\"partnerId\":\"ok-id\",\"name\":\"x\",\"rateLimitPerSecond\":0}")]
    [InlineData("/v1/inventory/SKU-X", "PUT", "{\"onHand\":-1}")]
    [InlineData("/v1/inventory/SKU-X", "PUT", "{}")]
    [InlineData("/v1/shipments/events", "POST", "{\"orderId\":\"o\",\"milestone\":\"Lost\"}")]
    [InlineData("/v1/partners/nobody/price-list", "PUT", "{\"version\":\"v1\",\"currency\":\"dollars\",\"lines\":[]}")]
    [InlineData("/v1/partners", "POST", "{\"partnerId\":\"ok-id-2\",\"name\":\"Acme\\nInjected log line\"}")]
    [InlineData("/v1/partners", "POST", "{\"partnerId\":\"ok-id-3\",\"name\":\"Acme \\u202egnp.exe\"}")]
    [InlineData("/v1/shipments/events", "POST", "{\"orderId\":\"o\",\"milestone\":\"Shipped\",\"carrier\":\"DHL\\u0000\"}")]
    [InlineData("/v1/exceptions/ord_x-x1/retry", "POST", "{\"note\":\"because\\u001b[2J\"}")]
    [InlineData("/v1/exceptions/ord_x-x1/resolve", "POST", "{\"action\":\"skip\",\"note\":\"\\u202eevil\"}")]
    public async Task OperatorEndpoints_InvalidBody_400ValidationProblem(string path, string method, string body)
    {
        using var client = api.Operator();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        using var response = await client.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]);
    }

    [Fact]
    public async Task ProblemTypes_EverySentType_IsOneStyle_AndResolvesToItsDocumentation()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var anonymous = api.ClientWithKey(null);
        var responses = new List<HttpResponseMessage>
        {
            await scenario.SubmitAsync(new { channelOrderRef = "PO-1", lines = Array.Empty<object>() }),                 // validation
            await scenario.SubmitAsync(Scenario.OrderBody("PO-2", ($"nope-{Guid.NewGuid():N}", 1))),                      // unknown SKU
            await anonymous.GetAsync("/v1/orders/ord_x"),                                                                    // 401
            await scenario.Partner.GetAsync("/v1/no-such-route"),                                                            // 404 route
            await scenario.Partner.DeleteAsync("/v1/orders"),                                                                // 405
            await scenario.Partner.PostAsync("/v1/orders", new StringContent("{}", Encoding.UTF8, "text/plain")),          // 415
        };

        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var response in responses)
        {
            var problem = await Scenario.ReadObjectAsync(response);
            var type = problem["type"]!.GetValue<string>();
            Assert.StartsWith("/problems/", type);
            Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), $"{type} without detail");
            types.Add(type);
            response.Dispose();
        }

        Assert.Equal(6, types.Count);
        foreach (var type in types)
        {
            using var doc = await anonymous.GetAsync(type);
            Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
            Assert.Equal("text/html", doc.Content.Headers.ContentType?.MediaType);
            Assert.Contains(type, await doc.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public void ProblemCatalog_DocumentsEveryRefusalCode()
    {
        var codes = typeof(OrleansDistribution.Abstractions.Errors.RuleCodes)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!);

        Assert.All(codes, code => Assert.True(OrleansDistribution.Api.Errors.ProblemCatalog.All.ContainsKey(code), $"{code} is not in docs/problems.md"));
    }

    [Fact]
    public async Task ValidationProblem_NamesTheFieldsInItsDetail()
    {
        using var scenario = await Scenario.CreateAsync(api);

        using var response = await scenario.SubmitAsync(new { channelOrderRef = "PO-1", lines = Array.Empty<object>() });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("/problems/validation-failed", problem["type"]!.GetValue<string>());
        Assert.Contains("customerId", problem["detail"]!.GetValue<string>());
        Assert.Contains("lines", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task RetryNote_Huge_400_NothingStored()
    {
        using var client = api.Operator();
        var body = "{\"note\":\"" + new string('n', 100_000) + "\"}";

        using var response = await client.PostAsync("/v1/exceptions/ord_x-x1/retry", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("500", problem["errors"]!["note"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/inventory/%20")]
    [InlineData("/v1/orders/%20%20")]
    [InlineData("/v1/partners/%09")]
    [InlineData("/v1/replay-jobs/%20")]
    public async Task ResourcePath_BlankOrControlKey_404ProblemNot500(string path)
    {
        using var client = api.Operator();

        using var response = await client.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CorrelationHeader_Invalid_400()
    {
        using var client = api.Operator();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/inventory/anything");
        request.Headers.TryAddWithoutValidation("X-Correlation-ID", new string('c', 500));

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("SiloProperties/x")]
    [InlineData("SiloMetadata/x")]
    [InlineData("SiloCounters/x")]
    [InlineData("HistoricalStats/x")]
    [InlineData("SiloProperties/127.0.0.1:1@1")]
    [InlineData("SiloCounters/a%20b@%7B%7D")]
    public async Task Dashboard_BadOrUnknownSiloAddress_404Problem_Not500(string path)
    {
        using var operatorClient = api.Operator();

        using var response = await operatorClient.GetAsync($"/dashboard/{path}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.EndsWith("silo-not-found", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dashboard_ActiveSiloAddress_StillServed()
    {
        using var operatorClient = api.Operator();
        var silo = api.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString();

        using var response = await operatorClient.GetAsync($"/dashboard/SiloProperties/{silo}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithoutSlash_RedirectsWithABodySayingWhere()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"x:{ApiFixture.OperatorKey}")));

        using var response = await client.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location?.OriginalString);
        Assert.Contains("href=\"/dashboard/\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var followed = await client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
    }

    private static string ManyLines(int count) =>
        "{\"channelOrderRef\":\"PO-1\",\"customerId\":\"C-1\",\"lines\":["
        + string.Join(',', Enumerable.Range(0, count).Select(_ => "{\"sku\":\"{sku}\",\"quantity\":1}"))
        + "]}";
}
