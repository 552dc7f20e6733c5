using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansDistribution.Api.Tests.Schemas;

/// <summary>The committed schemas, docs/schemas/&lt;type&gt;.v&lt;n&gt;.json: what partners were told, and what later code is held to.</summary>
public static class SchemaSnapshots
{
    /// <summary>Set to 1 to rewrite the snapshots from the generated schemas (after a compatible change or a new version).</summary>
    public const string RefreshVariable = "REFRESH_SCHEMA_SNAPSHOTS";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>docs/schemas of this checkout.</summary>
    public static string Directory => RepositoryRoot.Combine("docs", "schemas");

    /// <summary>Whether this run rewrites the snapshots.</summary>
    public static bool Refreshing => Environment.GetEnvironmentVariable(RefreshVariable) == "1";

    /// <summary>The file of one event type's schema version.</summary>
    public static string PathOf(string eventType, int version) => Path.Combine(Directory, $"{eventType}.v{version}.json");

    /// <summary>The committed schema, or null when none was committed.</summary>
    public static JsonObject? Read(string eventType, int version) =>
        File.Exists(PathOf(eventType, version)) ? JsonNode.Parse(File.ReadAllText(PathOf(eventType, version)))!.AsObject() : null;

    /// <summary>The text a snapshot is committed as.</summary>
    public static string Format(JsonObject schema) => schema.ToJsonString(Indented) + "\n";

    /// <summary>Writes the snapshot (refresh runs only).</summary>
    public static void Write(string eventType, int version, JsonObject schema)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(PathOf(eventType, version), Format(schema));
    }
}
