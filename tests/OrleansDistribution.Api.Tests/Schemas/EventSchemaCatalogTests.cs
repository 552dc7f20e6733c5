using System.Net;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Schemas;

/// <summary>GET /v1/schemas: the event schema catalog as a channel integrator reads it, and the compatibility guard.</summary>
[Collection(ApiCollection.Name)]
public sealed class EventSchemaCatalogTests(ApiFixture api)
{
    /// <summary>Set to 1 to (re)write docs/schemas/ from the generated schemas after a deliberate, compatible change.</summary>
    private const string UpdateVariable = "UPDATE_EVENT_SCHEMAS";

    private static readonly string[] EventTypes = ["AvailabilityChanged", "DependencyDegraded", "DependencyRecovered", "InventoryChanged", "OrderStatusChanged"];

    [Fact]
    public async Task Catalog_ListsEveryEventType_AndServesEachAsJsonSchema()
    {
        using var scenario = await Scenario.CreateAsync(api, skuCount: 1);

        var list = await GetJsonAsync(scenario.Partner, "/v1/schemas");
        var entries = list["schemas"]!.AsArray().Select(entry => entry!.AsObject()).ToList();

        Assert.Equal(EventTypes, entries.Select(entry => entry["eventType"]!.GetValue<string>()));
        foreach (var entry in entries)
        {
            using var response = await scenario.Partner.GetAsync(entry["href"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
            var schema = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema["$schema"]!.GetValue<string>());
            Assert.Equal(entry["eventType"]!.GetValue<string>(), schema["properties"]!["eventType"]!["const"]!.GetValue<string>());
            Assert.Contains("eventId", schema["required"]!.AsArray().Select(name => name!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task OrderStatusChanged_Schema_DescribesTheWirePayload()
    {
        using var client = api.Operator();

        var schema = await GetJsonAsync(client, "/v1/schemas/OrderStatusChanged/1");

        var properties = schema["properties"]!.AsObject();
        Assert.Equal(
            ["at", "correlationId", "detail", "eventId", "eventType", "from", "orderId", "partnerId", "schemaVersion", "status"],
            properties.Select(pair => pair.Key).Order(StringComparer.Ordinal));
        Assert.Contains("Accepted", properties["status"]!["enum"]!.AsArray().Select(value => value!.GetValue<string>()));
        Assert.Equal("date-time", properties["at"]!["format"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/schemas/OrderStatusChanged/2")]
    [InlineData("/v1/schemas/NoSuchEvent/1")]
    public async Task UnknownTypeOrVersion_Is404Problem(string path)
    {
        using var client = api.Operator();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("/problems/schema-not-found", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutKey_401()
    {
        using var client = api.ClientWithKey(null);

        using var response = await client.GetAsync("/v1/schemas");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GeneratedSchemas_StayCompatibleWithTheCommittedOnes()
    {
        using var client = api.Operator();
        var directory = Path.Combine(ChildProcess.RepositoryRoot(), "docs", "schemas");
        var update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";
        var problems = new List<string>();

        foreach (var entry in (await GetJsonAsync(client, "/v1/schemas"))["schemas"]!.AsArray())
        {
            var type = entry!["eventType"]!.GetValue<string>();
            var version = entry["version"]!.GetValue<int>();
            var generated = await GetJsonAsync(client, entry["href"]!.GetValue<string>());
            var file = Path.Combine(directory, $"{type}.v{version}.json");
            var text = generated.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
            if (!File.Exists(file))
            {
                if (update)
                {
                    Directory.CreateDirectory(directory);
                    await File.WriteAllTextAsync(file, text);
                    continue;
                }

                problems.Add($"{type} v{version}: no docs/schemas/{type}.v{version}.json; run the tests with {UpdateVariable}=1 to write it");
                continue;
            }

            var committed = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            var breaks = SchemaCompatibility.Breaks(committed, generated);
            if (breaks.Count > 0)
            {
                // A committed version is a promise to consumers: a breaking change needs a new SchemaVersion on the event.
                problems.Add($"{type} v{version} changed incompatibly ({string.Join("; ", breaks)}): keep the old shape or raise its SchemaVersion");
            }
            else if (!JsonNode.DeepEquals(committed, generated))
            {
                if (update)
                {
                    await File.WriteAllTextAsync(file, text);
                    continue;
                }

                problems.Add($"{type} v{version} gained {string.Join(", ", SchemaCompatibility.Added(committed, generated))} (compatible): run the tests with {UpdateVariable}=1 to refresh docs/schemas/");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
