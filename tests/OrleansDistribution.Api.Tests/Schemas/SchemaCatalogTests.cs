using System.Net;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Schemas;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Schemas;

/// <summary>The event schema catalog as an integrator reads it over HTTP, and the guard that keeps it compatible.</summary>
[Collection(ApiCollection.Name)]
public sealed class SchemaCatalogTests(ApiFixture api)
{
    private static readonly string[] KnownEvents =
        ["AvailabilityChanged", "DependencyDegraded", "DependencyRecovered", "InventoryChanged", "OrderStatusChanged"];

    [Fact]
    public async Task List_AsPartner_NamesEveryEventRecordWithItsVersionAndSchemaPath()
    {
        using var scenario = await Scenario.CreateAsync(api, skuCount: 1);
        using var response = await scenario.Partner.GetAsync("/v1/schemas");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var types = (await Scenario.ReadObjectAsync(response))["eventTypes"]!.AsArray();
        Assert.Equal(KnownEvents, types.Select(type => type!["eventType"]!.GetValue<string>()));
        Assert.Equal(EventSchemaCatalog.EventRecords().Count, types.Count);
        foreach (var type in types)
        {
            var version = Assert.Single(type!["versions"]!.AsArray())!;
            Assert.Equal(1, version["version"]!.GetValue<int>());
            Assert.Equal($"/v1/schemas/{type["eventType"]}/1", version["href"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task List_WithoutKey_Unauthorized()
    {
        using var response = await api.ClientWithKey(null).GetAsync("/v1/schemas");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_OrderStatusChanged_IsDraft202012SchemaOfTheWireShape()
    {
        using var response = await api.Operator().GetAsync("/v1/schemas/OrderStatusChanged/1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EventSchemaCatalog.MediaType, response.Content.Headers.ContentType?.MediaType);

        var schema = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema["$schema"]!.GetValue<string>());
        Assert.Equal("/v1/schemas/OrderStatusChanged/1", schema["$id"]!.GetValue<string>());
        Assert.Equal("OrderStatusChanged v1", schema["title"]!.GetValue<string>());
        var properties = schema["properties"]!.AsObject();
        Assert.Equal("OrderStatusChanged", properties["eventType"]!["const"]!.GetValue<string>());
        Assert.Equal(1, properties["schemaVersion"]!["const"]!.GetValue<int>());
        // The stream writes enums by name (JsonStringEnumConverter), so the schema lists names, and `from` may be null.
        Assert.Contains("ReleasedToWarehouse", properties["status"]!["enum"]!.AsArray().Select(value => value!.GetValue<string>()));
        Assert.Contains(null, properties["from"]!["enum"]!.AsArray());
        Assert.Equal("date-time", properties["at"]!["format"]!.GetValue<string>());
        var required = schema["required"]!.AsArray().Select(name => name!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "eventId", "at", "correlationId", "orderId", "partnerId", "status", "detail", "eventType", "schemaVersion" }, required);
        Assert.DoesNotContain("from", required);
    }

    [Theory]
    [InlineData("/v1/schemas/NoSuchEvent/1")]
    [InlineData("/v1/schemas/OrderStatusChanged/2")]
    public async Task Get_UnknownTypeOrVersion_NotFoundProblem(string path)
    {
        using var response = await api.Operator().GetAsync(path);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Snapshots_EveryServedSchema_IsCommittedAndCurrent()
    {
        var stale = new List<string>();
        foreach (var (eventType, version) in await ServedAsync())
        {
            var generated = await SchemaAsync(eventType, version);
            if (SchemaSnapshots.Refreshing)
            {
                SchemaSnapshots.Write(eventType, version, generated);
                continue;
            }

            var published = SchemaSnapshots.Read(eventType, version);
            if (published is null || !JsonNode.DeepEquals(published, generated))
            {
                stale.Add(SchemaSnapshots.PathOf(eventType, version));
            }
        }

        Assert.True(stale.Count == 0,
            $"Snapshot missing or out of date: {string.Join(", ", stale)}. If SchemasCompatibility passes, the change is compatible: " +
            $"run the tests with {SchemaSnapshots.RefreshVariable}=1 and commit docs/schemas.");
    }

    [Fact]
    public async Task Compatibility_GeneratedSchema_KeepsEveryPublishedVersion()
    {
        var breaks = new List<string>();
        foreach (var (eventType, version) in await ServedAsync())
        {
            if (SchemaSnapshots.Read(eventType, version) is { } published)
            {
                breaks.AddRange(SchemaCompatibility.BreakingChanges(published, await SchemaAsync(eventType, version))
                    .Select(change => $"{eventType} v{version}: {change}"));
            }
        }

        Assert.True(breaks.Count == 0,
            "Breaking change to a published event schema; keep the field or bump the event's SchemaVersion (and keep v1 served):\n"
            + string.Join("\n", breaks));
    }

    [Fact]
    public void Compatibility_OptionalPropertyAdded_IsNoBreak_ButRenameTypeChangeAndNewRequiredAre()
    {
        var published = JsonNode.Parse("""
            { "properties": { "sku": { "type": "string" }, "onHand": { "type": "integer" } }, "required": ["sku"] }
            """)!.AsObject();
        Assert.Empty(SchemaCompatibility.BreakingChanges(published, JsonNode.Parse("""
            { "properties": { "sku": { "type": "string" }, "onHand": { "type": "integer" }, "note": { "type": "string" } }, "required": ["sku"] }
            """)!.AsObject()));
        var broken = SchemaCompatibility.BreakingChanges(published, JsonNode.Parse("""
            { "properties": { "skuCode": { "type": "string" }, "onHand": { "type": "string" } }, "required": ["skuCode"] }
            """)!.AsObject());
        Assert.Contains("property 'sku' was dropped or renamed", broken);
        Assert.Contains(broken, change => change.StartsWith("property 'onHand' changed its type", StringComparison.Ordinal));
        Assert.Contains("property 'skuCode' became required", broken);
    }

    private async Task<List<(string EventType, int Version)>> ServedAsync()
    {
        using var response = await api.Operator().GetAsync("/v1/schemas");
        return [.. (await Scenario.ReadObjectAsync(response))["eventTypes"]!.AsArray().SelectMany(type => type!["versions"]!.AsArray()
            .Select(version => (type["eventType"]!.GetValue<string>(), version!["version"]!.GetValue<int>())))];
    }

    private async Task<JsonObject> SchemaAsync(string eventType, int version)
    {
        using var response = await api.Operator().GetAsync($"/v1/schemas/{eventType}/{version}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
