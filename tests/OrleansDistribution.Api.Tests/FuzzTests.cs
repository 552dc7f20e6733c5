using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

/// <summary>
/// Generated requests over every operation of the OpenAPI document: odd path values, bodies of the right and wrong
/// shape, wrong types, huge and hostile strings, with every kind of key. No input may make a 500, and every refusal
/// is a problem document. Seeded, so a failure names the request that reproduces it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FuzzTests(ApiFixture api)
{
    private const int RequestsPerOperation = 200;

    private static readonly string[] OddStrings =
    [
        "", " ", "x", "{", "}", "{0}", "%s%n", "..", "../../etc/passwd", "ord_x", "SKU-1", "null", "true", "-1", "0", "1e308",
        "\u0000", "\u001b[2J", "line\nbreak", "\u202eevil", "\u200b", "é日本🙂", "'; DROP TABLE x; --", "<script>", new string('a', 300),
        "a/b", "a%2Fb", "%00", "Shipped", "Delivered", "cancel", "skip", "release", "Suspended", "Active", "ErpUnavailable", "USD",
    ];

    [Fact]
    public async Task EveryOperation_GeneratedInput_NeverA500_AlwaysProblemDetailsOnRefusal()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var anonymous = api.ClientWithKey(null);
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Path: path.Key, Method: op.Key.ToUpperInvariant(), Operation: op.Value!)))
            .Where(op => !op.Path.EndsWith("/stream", StringComparison.Ordinal)) // long-lived; covered by EventStreamTests
            .ToList();
        Assert.True(operations.Count >= 15, $"only {operations.Count} operations in the document");

        var clients = new[] { scenario.Partner, scenario.Operator, anonymous };
        var random = new Random(20261201);
        var failures = new List<string>();
        var sent = 0;
        foreach (var (path, method, operation) in operations)
        {
            for (var i = 0; i < RequestsPerOperation; i++)
            {
                var url = Regex.Replace(path, "\\{[^}]+\\}", _ => Uri.EscapeDataString(PathValue(random, scenario)));
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT" && random.Next(10) > 0)
                {
                    request.Content = new StringContent(Body(random, operation, document, scenario), Encoding.UTF8, random.Next(12) == 0 ? "text/plain" : "application/json");
                }

                if (random.Next(3) == 0)
                {
                    // HttpClient itself refuses non-ASCII header values and line breaks; everything else goes.
                    var key = Pick(random, OddStrings);
                    if (key.All(c => c is >= ' ' and <= '~'))
                    {
                        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
                    }
                }

                if (random.Next(4) == 0)
                {
                    request.Headers.TryAddWithoutValidation("X-Correlation-ID", Pick(random, ["ok-1", "bad id", new string('c', 200), "a:b/c"]));
                }

                var client = clients[random.Next(clients.Length)];
                using var response = await client.SendAsync(request);
                sent++;
                var status = (int)response.StatusCode;
                if (status >= 500 && status != 503)
                {
                    failures.Add($"{status} {method} {url} body={await (request.Content?.ReadAsStringAsync() ?? Task.FromResult(""))}");
                }
                else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                         && !(status == 400 && url.Contains("%00", StringComparison.Ordinal)))
                {
                    // A NUL in the path is refused by Kestrel itself, before any middleware, with an empty 400
                    // (documented in docs/problems.md); every other refusal is ours and a problem document.
                    failures.Add($"{status} without a problem body: {method} {url}");
                }
            }
        }

        Assert.True(sent >= 3000, $"only {sent} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n{string.Join('\n', failures.Take(20))}");
    }

    private static string PathValue(Random random, Scenario scenario) => random.Next(4) switch
    {
        0 => scenario.Skus[0],
        1 => scenario.PartnerId,
        _ => Pick(random, OddStrings) is { Length: > 0 } odd ? odd : "x",
    };

    /// <summary>A body built from the operation's request schema with random values, or something else entirely.</summary>
    private static string Body(Random random, JsonNode operation, JsonNode document, Scenario scenario)
    {
        switch (random.Next(8))
        {
            case 0:
                return Pick(random, ["", "{", "[]", "null", "42", "\"text\"", "{\"a\":", new string('[', 5000)]);
            case 1:
                return "{\"note\":\"" + new string('n', 20_000) + "\",\"lines\":" + string.Concat(Enumerable.Repeat("[", 100)) + "}";
        }

        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        return Value(random, Resolve(schema, document), document, scenario, depth: 0)?.ToJsonString() ?? "{}";
    }

    private static JsonNode? Value(Random random, JsonNode? schema, JsonNode document, Scenario scenario, int depth)
    {
        if (schema is null || depth > 4 || random.Next(15) == 0)
        {
            return RandomScalar(random, scenario);
        }

        var type = TypeOf(schema);
        switch (type)
        {
            case "object":
                var result = new JsonObject();
                foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
                {
                    if (random.Next(6) > 0)
                    {
                        result[name] = Value(random, Resolve(property, document), document, scenario, depth + 1);
                    }
                }

                return result;
            case "array":
                var array = new JsonArray();
                for (var i = random.Next(4); i > 0; i--)
                {
                    array.Add(Value(random, Resolve(schema["items"], document), document, scenario, depth + 1));
                }

                return array;
            case "integer":
                return random.Next(5) == 0 ? RandomScalar(random, scenario) : JsonValue.Create(Pick(random, [-1L, 0L, 1L, 2L, 5L, 1_000_000L, 1_000_001L, int.MaxValue, long.MaxValue]));
            case "number":
                return JsonValue.Create(Pick(random, [-1.5m, 0m, 0.01m, 12.5m, 1e9m, 79228162514264337593543950335m]));
            case "boolean":
                return JsonValue.Create(random.Next(2) == 0);
            default:
                return random.Next(3) == 0 ? JsonValue.Create(scenario.Skus[0]) : JsonValue.Create(Pick(random, OddStrings));
        }
    }

    private static JsonNode RandomScalar(Random random, Scenario scenario) => random.Next(5) switch
    {
        0 => JsonValue.Create(scenario.Skus[random.Next(scenario.Skus.Count)])!,
        1 => JsonValue.Create(random.Next(-5, 10))!,
        2 => new JsonArray(),
        3 => new JsonObject(),
        _ => JsonValue.Create(Pick(random, OddStrings))!,
    };

    private static string? TypeOf(JsonNode schema) => schema["type"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => schema["properties"] is not null ? "object" : null,
    };

    private static JsonNode? Resolve(JsonNode? schema, JsonNode document)
    {
        for (var hops = 0; schema?["$ref"] is JsonValue reference && hops < 5; hops++)
        {
            var name = reference.GetValue<string>().Split('/')[^1];
            schema = document["components"]?["schemas"]?[name];
        }

        return schema;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
