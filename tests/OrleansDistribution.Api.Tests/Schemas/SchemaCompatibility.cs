using System.Text.Json.Nodes;

namespace OrleansDistribution.Api.Tests.Schemas;

/// <summary>
/// What a consumer written against a committed event schema would notice in the generated one. Breaking (needs a new
/// SchemaVersion): a property removed or renamed, a property's schema changed, a property newly required. Not breaking,
/// but the committed snapshot no longer documents the payload: an optional property added.
/// </summary>
public static class SchemaCompatibility
{
    /// <summary>The differences that break consumers of <paramref name="committed"/>.</summary>
    public static IReadOnlyList<string> Breaks(JsonObject committed, JsonObject generated)
    {
        var breaks = new List<string>();
        var before = Properties(committed);
        var after = Properties(generated);
        foreach (var (name, schema) in before)
        {
            if (!after.TryGetValue(name, out var now))
            {
                breaks.Add($"property '{name}' was removed or renamed");
            }
            else if (!JsonNode.DeepEquals(schema, now))
            {
                breaks.Add($"property '{name}' changed from {schema?.ToJsonString()} to {now?.ToJsonString()}");
            }
        }

        var wasRequired = Required(committed);
        breaks.AddRange(Required(generated).Where(name => !wasRequired.Contains(name)).Select(name => $"property '{name}' is now required"));
        return breaks;
    }

    /// <summary>Properties the generated schema has and the committed one does not (optional, or <see cref="Breaks"/> says so).</summary>
    public static IReadOnlyList<string> Added(JsonObject committed, JsonObject generated) =>
        [.. Properties(generated).Keys.Where(name => !Properties(committed).ContainsKey(name))];

    private static Dictionary<string, JsonNode?> Properties(JsonObject schema) =>
        (schema["properties"] as JsonObject)?.ToDictionary(pair => pair.Key, pair => pair.Value) ?? [];

    private static HashSet<string> Required(JsonObject schema) =>
        [.. (schema["required"] as JsonArray)?.Select(name => name!.GetValue<string>()) ?? []];
}
