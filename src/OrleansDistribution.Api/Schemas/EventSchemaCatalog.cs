using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions.Events;

namespace OrleansDistribution.Api.Schemas;

/// <summary>
/// The JSON Schema of every event type the cluster publishes, generated once from the event records with the API's own
/// serializer options (System.Text.Json's <see cref="JsonSchemaExporter"/>), so the schema describes exactly the payload
/// the SSE stream sends and cannot drift from the code. The types are discovered by reflection over the abstractions
/// assembly: a new event is in the catalog the moment it exists.
/// </summary>
public sealed class EventSchemaCatalog
{
    /// <summary>The JSON Schema dialect of every schema served.</summary>
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    private readonly Dictionary<(string Type, int Version), JsonObject> _schemas;

    /// <summary>Generates the schemas with the options the API serializes events with.</summary>
    public EventSchemaCatalog(IOptions<JsonOptions> json)
    {
        var options = json.Value.SerializerOptions;
        _schemas = EventTypes().ToDictionary(entry => (entry.Type, entry.Version), entry => Generate(entry.Clr, entry.Type, entry.Version, options));
        Entries = [.. _schemas.Keys.OrderBy(key => key.Type, StringComparer.Ordinal).ThenBy(key => key.Version)];
    }

    /// <summary>Every event type and version, by type name.</summary>
    public IReadOnlyList<(string Type, int Version)> Entries { get; }

    /// <summary>The schema of one event type and version (a copy the caller may change), or null when there is none.</summary>
    public JsonObject? Find(string type, int version) =>
        _schemas.TryGetValue((type, version), out var schema) ? (JsonObject)schema.DeepClone() : null;

    /// <summary>The address a schema is served at (also its <c>$id</c>).</summary>
    public static string PathOf(string type, int version) => $"/v1/schemas/{type}/{version}";

    /// <summary>The concrete event records, with the type name and version they carry on the wire.</summary>
    public static IEnumerable<(Type Clr, string Type, int Version)> EventTypes() =>
        typeof(DistributionEvent).Assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsClass: true } && type.IsSubclassOf(typeof(DistributionEvent)))
            .Select(type =>
            {
                // EventType and SchemaVersion are constants of the type, read from an instance built without a constructor.
                var sample = (DistributionEvent)RuntimeHelpers.GetUninitializedObject(type);
                return (type, sample.EventType, sample.SchemaVersion);
            });

    private static JsonObject Generate(Type clr, string type, int version, JsonSerializerOptions options)
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(options, clr, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true }).AsObject();
        var body = new JsonObject
        {
            ["$schema"] = Dialect,
            ["$id"] = PathOf(type, version),
            ["title"] = $"{type} v{version}",
        };
        foreach (var (name, value) in schema.ToList())
        {
            schema.Remove(name);
            body[name] = value;
        }

        // The two members every payload carries name the schema itself: pin them, and they are always present.
        var properties = body["properties"]!.AsObject();
        var typeName = options.PropertyNamingPolicy?.ConvertName(nameof(DistributionEvent.EventType)) ?? nameof(DistributionEvent.EventType);
        var versionName = options.PropertyNamingPolicy?.ConvertName(nameof(DistributionEvent.SchemaVersion)) ?? nameof(DistributionEvent.SchemaVersion);
        properties[typeName] = new JsonObject { ["const"] = type };
        properties[versionName] = new JsonObject { ["const"] = version };
        var required = body["required"] as JsonArray ?? [];
        foreach (var name in new[] { typeName, versionName })
        {
            if (!required.Any(entry => entry!.GetValue<string>() == name))
            {
                required.Add(name);
            }
        }

        body["required"] = required;
        return body;
    }
}
