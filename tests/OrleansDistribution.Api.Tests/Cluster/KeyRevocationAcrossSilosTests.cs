using System.Diagnostics;
using System.Net;
using System.Text;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.Hosting.Storage;

namespace OrleansDistribution.Api.Tests.Cluster;

/// <summary>
/// Two API silos in one cluster on PostgreSQL, each its own OS process with its own key cache: what the operator changes
/// through one reaches a channel talking to the other within a second.
/// </summary>
[Collection(typeof(PostgresCollection))]
public sealed class KeyRevocationAcrossSilosTests(PostgresFixture postgres)
{
    [Fact]
    public async Task KeyRevokedThroughOneApiSilo_CachedOnTheOther_401ThereWithinASecond_AndPatchReachesItToo()
    {
        var connectionString = await postgres.CreateDatabaseAsync("keys");
        await new SqlMigrationRunner(SqlMigrationProvider.Postgres, connectionString).ApplyAsync();
        var settings = new Dictionary<string, string>
        {
            ["Distribution:Storage"] = "Postgres",
            ["ConnectionStrings:Distribution"] = connectionString,
            ["Distribution:Cluster:ClusterId"] = "keys-test",
            ["Distribution:Simulation:MinLatencyMs"] = "1",
            ["Distribution:Simulation:MaxLatencyMs"] = "5",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var revoking = await ApiProcess.StartAsync(settings);
        await using var serving = await ApiProcess.StartAsync(settings);
        using var scenario = await Scenario.CreateAsync(revoking);
        var oldKeyId = await OnlyKeyIdAsync(scenario);
        using (var issued = await scenario.Operator.PostAsync($"/v1/partners/{scenario.PartnerId}/keys", null))
        {
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }

        using var channel = serving.ClientWithKey(scenario.ApiKey);
        // The serving silo resolves the key once and caches it.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(channel, scenario.Skus[0]));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(channel, scenario.Skus[0]));

        using (var revoked = await scenario.Operator.DeleteAsync($"/v1/partners/{scenario.PartnerId}/keys/{oldKeyId}"))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        var since = Stopwatch.StartNew();
        var status = await UntilNotOkAsync(channel, scenario.Skus[0]);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(since.Elapsed < TimeSpan.FromSeconds(1), $"the revoked key still worked on the other API silo after {since.Elapsed.TotalMilliseconds:F0} ms");

        // A new limit set through one silo throttles on the other just as soon.
        var newKey = await IssueKeyAsync(scenario);
        using var renewed = serving.ClientWithKey(newKey);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(renewed, scenario.Skus[0]));
        using (var patched = await scenario.Operator.PatchAsync($"/v1/partners/{scenario.PartnerId}",
                   new StringContent("""{"rateLimitPerSecond":1}""", Encoding.UTF8, "application/merge-patch+json")))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        since.Restart();
        Assert.Equal(HttpStatusCode.TooManyRequests, await UntilNotOkAsync(renewed, scenario.Skus[0]));
        Assert.True(since.Elapsed < TimeSpan.FromSeconds(2), $"the lowered rate limit took {since.Elapsed.TotalMilliseconds:F0} ms to reach the other API silo");
    }

    /// <summary>Sends requests until one is not 200 (or 5 s pass) and returns that status.</summary>
    private static async Task<HttpStatusCode> UntilNotOkAsync(HttpClient client, string sku)
    {
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = await StatusAsync(client, sku);
        }
        while (status == HttpStatusCode.OK && deadline.Elapsed < TimeSpan.FromSeconds(5));

        return status;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string sku)
    {
        using var response = await client.GetAsync($"/v1/inventory/{sku}");
        return response.StatusCode;
    }

    private static async Task<string> IssueKeyAsync(Scenario scenario)
    {
        using var response = await scenario.Operator.PostAsync($"/v1/partners/{scenario.PartnerId}/keys", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Scenario.ReadObjectAsync(response))["apiKey"]!.GetValue<string>();
    }

    private static async Task<string> OnlyKeyIdAsync(Scenario scenario)
    {
        using var response = await scenario.Operator.GetAsync($"/v1/partners/{scenario.PartnerId}/keys");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single((await Scenario.ReadObjectAsync(response))["keys"]!.AsArray())!["keyId"]!.GetValue<string>();
    }
}
