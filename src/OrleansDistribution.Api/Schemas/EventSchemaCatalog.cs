using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions.Events;

namespace OrleansDistribution.Api.Schemas;

/// <summary>
/// The JSON Schema of every event the API publishes, generated from the event records with the serializer options the
/// SSE stream writes them with, so the catalog cannot drift from the wire.
/// </summary>
public sealed class EventSchemaCatalog
{
    /// <summary>The JSON Schema dialect of every schema served.</summary>
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>The media type schemas are served with.</summary>
    public const string MediaType = "application/schema+json";

    private readonly IReadOnlyDictionary<(string Type, int Version), JsonObject> _schemas;

    /// <summary>Generates every schema once, from the API's own JSON options.</summary>
    public EventSchemaCatalog(IOptions<JsonOptions> json)
    {
        var serializer = json.Value.SerializerOptions;
        _schemas = EventRecords().ToDictionary(
            record => (record.EventType, record.SchemaVersion),
            record => Generate(serializer, record.Type, record.EventType, record.SchemaVersion));
    }

    /// <summary>Every event type with its schema versions, ordered by type then version.</summary>
    public IReadOnlyList<(string EventType, IReadOnlyList<int> Versions)> Types =>
        [.. _schemas.Keys.GroupBy(key => key.Type, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => (group.Key, (IReadOnlyList<int>)[.. group.Select(key => key.Version).Order()]))];

    /// <summary>A copy of the schema of that event version, or null when there is none.</summary>
    public JsonObject? Find(string eventType, int version) =>
        _schemas.TryGetValue((eventType, version), out var schema) ? (JsonObject)schema.DeepClone() : null;

    /// <summary>The URI a schema names itself by, the same path it is served from.</summary>
    public static string IdOf(string eventType, int version) => $"/v1/schemas/{eventType}/{version}";

    /// <summary>
    /// The concrete records deriving from <see cref="DistributionEvent"/> in the Abstractions assembly: found by
    /// reflection so a new event is in the catalog the day it is written.
    /// </summary>
    public static IReadOnlyList<(Type Type, string EventType, int SchemaVersion)> EventRecords() =>
        [.. typeof(DistributionEvent).Assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsClass: true } && type.IsSubclassOf(typeof(DistributionEvent)))
            .Select(type =>
            {
                // EventType and SchemaVersion are constants of the type; an uninitialized instance reads them
                // without inventing values for the required members.
                var sample = (DistributionEvent)RuntimeHelpers.GetUninitializedObject(type);
                return (type, sample.EventType, sample.SchemaVersion);
            })
            .OrderBy(record => record.EventType, StringComparer.Ordinal)];

    private static JsonObject Generate(JsonSerializerOptions serializer, Type type, string eventType, int version)
    {
        var generated = JsonSchemaExporter.GetJsonSchemaAsNode(serializer, type, new JsonSchemaExporterOptions
        {
            // The records are nullable-annotated: a reference member not marked nullable is never null on the wire.
            TreatNullObliviousAsNonNullable = true,
        }).AsObject();

        var properties = generated["properties"]!.AsObject();
        var typeInfo = serializer.GetTypeInfo(type);
        var nullability = new NullabilityInfoContext();
        var required = new JsonArray();
        foreach (var property in typeInfo.Properties)
        {
            if (!IsNullable(property.PropertyType, property.AttributeProvider, nullability))
            {
                required.Add(property.Name);
                // The exporter cannot see the nullability of get-only members and allows null; the record says never.
                if (properties[property.Name] is JsonObject { } member && member["type"] is JsonArray types)
                {
                    var named = types.Select(type => type!.GetValue<string>()).Where(type => type != "null").ToList();
                    member["type"] = named.Count == 1 ? JsonValue.Create(named[0]) : new JsonArray([.. named.Select(type => JsonValue.Create(type))]);
                }
            }
        }

        Constant(properties, serializer, nameof(DistributionEvent.EventType), JsonValue.Create(eventType));
        Constant(properties, serializer, nameof(DistributionEvent.SchemaVersion), JsonValue.Create(version));

        var schema = new JsonObject
        {
            ["$schema"] = Dialect,
            ["$id"] = IdOf(eventType, version),
            ["title"] = $"{eventType} v{version}",
            ["description"] = $"The data of the {eventType} event of GET /v1/events/stream, as serialized on the wire.",
        };
        foreach (var (key, value) in generated.ToList())
        {
            generated.Remove(key);
            if (key != "required")
            {
                schema[key] = value;
            }
        }

        schema["required"] = required;
        return schema;
    }

    private static void Constant(JsonObject properties, JsonSerializerOptions serializer, string member, JsonValue value)
    {
        var name = serializer.PropertyNamingPolicy?.ConvertName(member) ?? member;
        if (properties[name] is JsonObject property)
        {
            property["const"] = value;
        }
    }

    private static bool IsNullable(Type type, ICustomAttributeProvider? member, NullabilityInfoContext nullability)
    {
        if (type.IsValueType)
        {
            return Nullable.GetUnderlyingType(type) is not null;
        }

        return member switch
        {
            PropertyInfo property => nullability.Create(property).ReadState == NullabilityState.Nullable,
            FieldInfo field => nullability.Create(field).ReadState == NullabilityState.Nullable,
            _ => true,
        };
    }
}
