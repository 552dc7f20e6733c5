using System.Net;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Durability;

[Collection(typeof(PostgresCollection))]
public sealed class PostgresDurabilityTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrations_AppliedTwice_SecondRunIsANoOp()
    {
        var connectionString = await postgres.CreateDatabaseAsync("migrate");
        var runner = new SqlMigrationRunner(SqlMigrationProvider.Postgres, connectionString);

        var first = await runner.ApplyAsync();
        var second = await runner.ApplyAsync();

        Assert.Equal(SqlMigrationRunner.GetScripts(SqlMigrationProvider.Postgres).Select(s => s.Name), first);
        Assert.Empty(second);
        Assert.Empty(await runner.PendingAsync());
    }

    [Fact]
    public async Task PostgresApi_KilledRightAfter201_EverythingThereAndPendingOrderResumes()
    {
        var settings = RestartScenario.WorkflowSettings();
        settings["Distribution:Storage"] = "Postgres";
        settings["ConnectionStrings:Distribution"] = await MigratedDatabaseAsync();

        await RestartScenario.RunAsync(settings);
    }

    [Fact]
    public async Task PostgresApi_UnmigratedDatabase_RefusesToStartNamingTheMigrateCommand()
    {
        var settings = new Dictionary<string, string>
        {
            ["Distribution:Storage"] = "Postgres",
            ["ConnectionStrings:Distribution"] = await postgres.CreateDatabaseAsync("unmigrated"),
        };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ApiProcess.StartAsync(settings));

        Assert.Contains("migrate", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgresApi_DatabaseDown_503ProblemThenSameKeySucceedsOnceBack()
    {
        // Its own server: stopping the shared one would break the other tests.
        await using var server = await PostgresServer.StartAsync(CancellationToken.None);
        var connectionString = await server.CreateDatabaseAsync("outage");
        await new SqlMigrationRunner(SqlMigrationProvider.Postgres, connectionString).ApplyAsync();
        var settings = new Dictionary<string, string>
        {
            ["Distribution:Storage"] = "Postgres",
            ["ConnectionStrings:Distribution"] = connectionString,
            ["Distribution:Cluster:ResponseTimeout"] = "00:00:10",
        };
        await using var api = await ApiProcess.StartAsync(settings);
        using var scenario = await Scenario.CreateAsync(api, stock: 10);
        var key = Guid.NewGuid().ToString();
        var body = Scenario.OrderBody("PO-outage", (scenario.Skus[0], 2));

        await server.StopAsync();
        using (var duringOutage = await scenario.SubmitAsync(body, key))
        {
            var problem = await ProblemAssert.IsProblemAsync(duringOutage, HttpStatusCode.ServiceUnavailable);
            Assert.DoesNotContain("Npgsql", problem.ToJsonString(), StringComparison.Ordinal);
            Assert.True(duringOutage.Headers.RetryAfter is not null, "503 without Retry-After");
        }

        await server.StartAgainAsync();
        var order = await RetryUntilCreatedAsync(scenario, body, key);

        Assert.Equal("Accepted", order["status"]!.GetValue<string>());
        var position = await scenario.GetInventoryAsync(scenario.Skus[0]);
        Assert.Equal(2, position["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task PostgresApi_OutageUnderLoad_NoClientRetry_ReservedSettlesToLiveOrdersWithinAMinute()
    {
        // Acceptances cut by the outage must not leave stock reserved for orders that do not exist: the SKU's
        // in-doubt operations are resolved by the system itself (InDoubtTimeout, 10 s), nobody resubmits.
        await using var server = await PostgresServer.StartAsync(CancellationToken.None);
        var connectionString = await server.CreateDatabaseAsync("orphans");
        await new SqlMigrationRunner(SqlMigrationProvider.Postgres, connectionString).ApplyAsync();
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["Distribution:Storage"] = "Postgres",
            ["ConnectionStrings:Distribution"] = connectionString,
            ["Distribution:Cluster:ResponseTimeout"] = "00:00:10",
        });
        using var scenario = await Scenario.CreateAsync(api, stock: 10_000);
        var keys = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid().ToString()).ToList();
        var sku = scenario.Skus[0];

        var firstAccepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outageStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submissions = keys.Select(async (key, i) =>
        {
            await Task.Delay(i * 15);
            if (i >= keys.Count / 2)
            {
                // The second half is sent into the outage for sure: on a busy machine the whole first half may be
                // answered before the server is down.
                await outageStarted.Task;
            }

            try
            {
                using var response = await scenario.SubmitAsync(Scenario.OrderBody($"PO-{i}", (sku, 3)), key);
                if (response.StatusCode == System.Net.HttpStatusCode.Created)
                {
                    firstAccepted.TrySetResult();
                }

                return (int)response.StatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                return 0;
            }
        }).ToList();

        // The outage starts mid-load: once the first order is in (not after a fixed time, which a busy machine outlasts).
        await firstAccepted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await server.StopAsync();
        outageStarted.SetResult();
        var statuses = await Task.WhenAll(submissions);
        await server.StartAgainAsync();

        Assert.Contains(201, statuses);
        Assert.Contains(statuses, status => status != 201);
        Assert.DoesNotContain(500, statuses);
        var position = await Eventually.MatchesAsync(async () =>
        {
            try
            {
                var live = 0;
                foreach (var key in keys)
                {
                    using var order = await scenario.Operator.GetAsync($"/v1/orders/{OrleansDistribution.Abstractions.Orders.OrderIds.For(scenario.PartnerId, key)}");
                    if (order.StatusCode == HttpStatusCode.OK && (await Scenario.ReadObjectAsync(order))["status"]!.GetValue<string>() != "OnHold")
                    {
                        live += 3;
                    }
                }

                var reserved = (await scenario.GetInventoryAsync(sku))["reserved"]!.GetValue<int>();
                return (Reserved: reserved, Live: live);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
            {
                return (Reserved: -1, Live: -2);
            }
        }, state => state.Reserved == state.Live, "reserved stock equal to the live orders' reservations", TimeSpan.FromSeconds(60));
        Assert.True(position.Live > 0);
    }

    private async Task<string> MigratedDatabaseAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("restart");
        await new SqlMigrationRunner(SqlMigrationProvider.Postgres, connectionString).ApplyAsync();
        return connectionString;
    }

    /// <summary>What a channel does after a 503: resubmit with the same key until it gets an answer.</summary>
    private static async Task<System.Text.Json.Nodes.JsonObject> RetryUntilCreatedAsync(Scenario scenario, object body, string key)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await scenario.SubmitAsync(body, key);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return await Scenario.ReadObjectAsync(response);
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(DateTime.UtcNow < deadline, "The API did not recover after the database came back.");
            await Task.Delay(500);
        }
    }
}
