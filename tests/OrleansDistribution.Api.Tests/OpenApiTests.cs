using System.Net;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

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
                     "/v1/webhooks", "/v1/webhooks/{webhookId}", "/v1/webhooks/{webhookId}/deliveries",
                     "/v1/partners", "/v1/partners/{partnerId}/price-list", "/v1/inventory/{sku}", "/v1/orders",
                     "/v1/orders/{orderId}", "/v1/orders/{orderId}/cancel", "/v1/shipments/events", "/v1/events/stream",
                     "/v1/schemas", "/v1/schemas/{eventType}/{version}", "/v1/feed", "/v1/partners/{partnerId}", "/v1/partners/{partnerId}/keys",
                     "/v1/partners/{partnerId}/keys/{keyId}", "/v1/audit", "/v1/exceptions/groups",
                 })
        {
            Assert.True(paths.ContainsKey(path), $"OpenAPI lacks {path}; has {string.Join(", ", paths.Select(p => p.Key))}");
        }
    }

    [Fact]
    public async Task OpenApiDocument_OrderSearch_DescribesItsQueryParametersAndLimits()
    {
        var document = await DocumentAsync();

        var parameters = Operation(document, "/v1/orders", "get")["parameters"]!.AsArray()
            .ToDictionary(parameter => parameter!["name"]!.GetValue<string>(), parameter => parameter!);

        Assert.Equal(
            ["channelOrderRef", "createdFrom", "createdTo", "cursor", "customerId", "limit", "partnerId", "status"],
            parameters.Keys.Order(StringComparer.Ordinal));
        Assert.All(parameters.Values, parameter => Assert.Equal("query", parameter["in"]!.GetValue<string>()));
        Assert.Equal(200, parameters["limit"]["schema"]!["maximum"]!.GetValue<int>());
        Assert.Equal("date-time", parameters["createdFrom"]["schema"]!["format"]!.GetValue<string>());
        Assert.Contains("OnHold", parameters["status"]["schema"]!["enum"]!.AsArray().Select(name => name?.GetValue<string>()));
        Assert.Equal(128, parameters["channelOrderRef"]["schema"]!["maxLength"]!.GetValue<int>());
        Assert.Null(parameters["channelOrderRef"]["schema"]!["format"]);
        Assert.NotNull(Operation(document, "/v1/orders", "get")["responses"]!["400"]);
    }

    [Fact]
    public async Task OpenApiDocument_RequestSchemas_StateTheLimits_AndRequiredFieldsAreNotNullable()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;

        var order = schemas["SubmitOrderRequest"]!;
        Assert.Equal(["channelOrderRef", "customerId", "lines"], order["required"]!.AsArray().Select(name => name!.GetValue<string>()).Order());
        Assert.Equal(128, order["properties"]!["channelOrderRef"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(1, order["properties"]!["channelOrderRef"]!["minLength"]!.GetValue<int>());
        Assert.Equal(500, order["properties"]!["lines"]!["maxItems"]!.GetValue<int>());
        Assert.Equal(1_000_000, schemas["OrderLineInput"]!["properties"]!["quantity"]!["maximum"]!.GetValue<int>());
        Assert.Equal(500, schemas["NoteRequest"]!["properties"]!["note"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(["Cancel", "Skip", "Release"], schemas["ResolveExceptionRequest"]!["properties"]!["action"]!["enum"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Equal(255, Operation(document, "/v1/orders", "post")["parameters"]!.AsArray()
            .Single(parameter => parameter!["name"]!.GetValue<string>() == "Idempotency-Key")!["schema"]!["maxLength"]!.GetValue<int>());

        foreach (var (name, schema) in schemas.AsObject().Where(entry => entry.Key.EndsWith("Request", StringComparison.Ordinal) || entry.Key.EndsWith("Input", StringComparison.Ordinal)))
        {
            foreach (var required in schema!["required"]?.AsArray().Select(field => field!.GetValue<string>()) ?? [])
            {
                var type = schema["properties"]![required]!["type"];
                Assert.False(type is JsonArray types && types.Any(t => t!.GetValue<string>() == "null"), $"{name}.{required} is required but typed {type?.ToJsonString()}");
            }
        }
    }

    [Fact]
    public async Task RequestExamples_OnEveryBody_AndEachPassesItsOperationsValidation()
    {
        var document = await DocumentAsync();
        using var scenario = await Scenario.CreateAsync(api);
        var sent = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(entry => entry.Value?["requestBody"] is not null))
            {
                var media = operation!["requestBody"]!["content"]!["application/json"]!;
                var example = media["example"];
                Assert.True(example is not null, $"{method.ToUpperInvariant()} {path}: the request body has no example");

                // Path values that name nothing that exists (or a throwaway partner): the example must pass validation,
                // so whatever comes back, it is not a 400.
                var target = path.Replace("{partnerId}", $"ex-{Guid.NewGuid():N}"[..16], StringComparison.Ordinal)
                    .Replace("{sku}", $"SKU-EX-{Guid.NewGuid():N}"[..20], StringComparison.Ordinal)
                    .Replace("{exceptionId}", "ord_example-x1", StringComparison.Ordinal)
                    .Replace("{orderId}", "ord_example", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), target)
                {
                    Content = new StringContent(example!.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
                };
                var asPartner = path == "/v1/orders";
                if (asPartner)
                {
                    request.Headers.Add("Idempotency-Key", $"example-{Guid.NewGuid():N}");
                }

                using var response = await (asPartner ? scenario.Partner : scenario.Operator).SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode != HttpStatusCode.BadRequest, $"{method.ToUpperInvariant()} {path}: its own example answered 400: {body}");
                Assert.True((int)response.StatusCode < 500, $"{method.ToUpperInvariant()} {path}: {(int)response.StatusCode} {body}");
                sent++;
            }
        }

        Assert.True(sent >= 9, $"only {sent} request bodies in the document");
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = api.ClientWithKey(null);
        return JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
    }

    private static JsonNode Operation(JsonNode document, string path, string method) => document["paths"]![path]![method]!;

    /// <summary>The linter's version, pinned so a new rule cannot turn CI red on its own.</summary>
    private const string RedoclyCli = "@redocly/cli@2.77.0";

    [Fact]
    public async Task OpenApiDocument_RedoclyRecommendedRuleset_NoErrorsNoWarnings()
    {
        using var client = api.ClientWithKey(null);
        var document = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await client.GetStringAsync("/openapi/v1.json"));
        try
        {
            // The real linter, as a partner's toolchain would run it: the global install CI makes, else npx fetches the pinned one.
            var global = await ProcessRunner.RunAsync("sh", ["-c", "command -v redocly"], TimeSpan.FromSeconds(10));
            var lint = global.Succeeded
                ? await ProcessRunner.RunAsync("redocly", ["lint", document, "--format=stylish", "--max-problems", "500"], TimeSpan.FromMinutes(2))
                : await ProcessRunner.RunAsync("npx", ["--yes", RedoclyCli, "lint", document, "--format=stylish", "--max-problems", "500"], TimeSpan.FromMinutes(4));

            var output = lint.StandardOutput + lint.StandardError;
            Assert.True(lint.Succeeded, $"redocly lint failed:\n{output}");
            Assert.DoesNotContain(" warning ", output, StringComparison.Ordinal);
            Assert.Contains("valid", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(document);
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
