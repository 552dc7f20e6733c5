using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace OrleansDistribution.TestSupport;

/// <summary>Asserts RFC 9457 problem responses.</summary>
public static class ProblemAssert
{
    /// <summary>The response has the status and an application/problem+json body with type, title and status.</summary>
    public static async Task<JsonObject> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.False(string.IsNullOrEmpty(problem["type"]?.GetValue<string>()), body);
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()), body);
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }
}
