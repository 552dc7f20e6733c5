using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansDistribution.Abstractions;

/// <summary>
/// The JSON conventions of everything we send partners (API responses, SSE, webhook bodies): the web defaults
/// (camelCase), enums as their names, numbers as JSON numbers only. Defined once so an event reads the same on
/// every channel; the API applies <see cref="Configure"/> to its own serializer options.
/// </summary>
public static class EventJson
{
    /// <summary>Read-only options with the conventions, for serializing outside ASP.NET Core (webhook bodies).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Applies the conventions to <paramref name="options"/> (which starts from the web defaults) and returns it.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        // The web defaults read "5" as 5; the contract's numbers are JSON numbers, and a string is a 400.
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
