using System.Text.Json.Nodes;

namespace OrleansDistribution.Api.Tests.Schemas;

/// <summary>
/// What a consumer coded against a published schema version would trip over in a newer generation of the same version:
/// a property gone (dropped or renamed), a property of another type, format or narrower set of values, or a property
/// newly required. An added optional property is no break.
/// </summary>
public static class SchemaCompatibility
{
    /// <summary>Every break of <paramref name="published"/> in <paramref name="current"/>, described for a person.</summary>
    public static IReadOnlyList<string> BreakingChanges(JsonObject published, JsonObject current)
    {
        var breaks = new List<string>();
        var before = published["properties"]?.AsObject() ?? [];
        var after = current["properties"]?.AsObject() ?? [];
        foreach (var (name, old) in before)
        {
            if (after[name] is not JsonObject now)
            {
                breaks.Add($"property '{name}' was dropped or renamed");
                continue;
            }

            foreach (var keyword in new[] { "type", "format", "const", "pattern" })
            {
                if (!JsonNode.DeepEquals(old?[keyword], now[keyword]))
                {
                    breaks.Add($"property '{name}' changed its {keyword} from {old?[keyword]?.ToJsonString() ?? "none"} to {now[keyword]?.ToJsonString() ?? "none"}");
                }
            }

            if (old?["enum"] is JsonArray values)
            {
                var allowed = (now["enum"] as JsonArray)?.Select(value => value?.ToJsonString()).ToHashSet() ?? [];
                foreach (var value in values.Where(value => !allowed.Contains(value?.ToJsonString())))
                {
                    breaks.Add($"property '{name}' no longer allows {value?.ToJsonString() ?? "null"}");
                }
            }
        }

        var wasRequired = Names(published["required"]);
        foreach (var name in Names(current["required"]).Where(name => !wasRequired.Contains(name)))
        {
            breaks.Add($"property '{name}' became required");
        }

        return breaks;
    }

    private static HashSet<string> Names(JsonNode? array) =>
        (array as JsonArray)?.Select(name => name!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
}
