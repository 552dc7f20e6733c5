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
                     "/v1/partners", "/v1/partners/{partnerId}/price-list", "/v1/inventory/{sku}", "/v1/orders",
                     "/v1/orders/{orderId}", "/v1/orders/{orderId}/cancel", "/v1/shipments/events", "/v1/events/stream",
                 })
        {
            Assert.True(paths.ContainsKey(path), $"OpenAPI lacks {path}; has {string.Join(", ", paths.Select(p => p.Key))}");
        }
    }

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
