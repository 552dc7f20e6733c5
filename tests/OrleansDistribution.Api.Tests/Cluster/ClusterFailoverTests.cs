using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Cluster;

/// <summary>
/// A real three-silo cluster on PostgreSQL (API silo + two worker silo processes, ADO.NET membership,
/// persistence and reminders). Channels submit orders concurrently; one worker is SIGKILLed mid-load;
/// channels retry what failed with the same Idempotency-Key, as the contract tells them to.
/// </summary>
[Collection(typeof(PostgresCollection))]
public sealed class ClusterFailoverTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Channels = 4;
    private const int OrdersPerChannel = 30;

    private static readonly string[] OpenStatuses = ["Accepted", "ErpCommitted", "ReleasedToWarehouse"];

    [Fact]
    public async Task ThreeSilos_WorkerKilledMidLoad_NoOrderLostOrDuplicatedAndStockConserved()
    {
        var connectionString = await postgres.CreateDatabaseAsync("cluster");
        await new SqlMigrationRunner(SqlMigrationProvider.Postgres, connectionString).ApplyAsync();
        var settings = new Dictionary<string, string>
        {
            ["Distribution:Storage"] = "Postgres",
            ["ConnectionStrings:Distribution"] = connectionString,
            ["Distribution:Cluster:ClusterId"] = "failover-test",
            // The production membership settings: the dead silo is declared dead as soon as its port refuses connections.
            ["Distribution:Cluster:ResponseTimeout"] = "00:00:10",
            ["Distribution:Workflow:FirstStepDelay"] = "00:00:00.020",
            ["Distribution:Workflow:StepRetryDelay"] = "00:00:00.500",
            // The production resume period (1 minute): cut-off orders must resume because the silo died, not because
            // their wake time came (SiloLossWatcher).
            ["Distribution:Simulation:MinLatencyMs"] = "1",
            ["Distribution:Simulation:MaxLatencyMs"] = "5",
            ["Logging:LogLevel:Default"] = "Warning",
            // The cluster's operations figures refresh within a second, for the scrape check at the end.
            ["Distribution:Kpis:ReportInterval"] = "00:00:01",
            ["Distribution:Kpis:SampleInterval"] = "00:00:01",
            ["Distribution:Kpis:OrderCountInterval"] = "00:00:01",
        };
        await using var victim = await WorkerSiloProcess.StartAsync(settings, connectionString);
        // The survivor serves /metrics on a management port, as in docker-compose's observability profile.
        var survivorMetricsPort = ChildProcess.FreePort();
        await using var survivor = await WorkerSiloProcess.StartAsync(
            new Dictionary<string, string>(settings) { ["Distribution:Metrics:Port"] = survivorMetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            connectionString);
        await using var api = await ApiProcess.StartAsync(settings);

        using var scenario = await Scenario.CreateAsync(api, stock: 10_000, skuCount: 6, unitPrice: 3.5m);
        // Two scarce SKUs so some orders go OnHold: a hold must not keep stock either.
        await Scenario.SetStockAsync(scenario.Operator, scenario.Skus[0], 20);
        await Scenario.SetStockAsync(scenario.Operator, scenario.Skus[1], 20);
        var initialOnHand = scenario.Skus.ToDictionary(sku => sku, sku => sku == scenario.Skus[0] || sku == scenario.Skus[1] ? 20 : 10_000);

        var answered = new ConcurrentDictionary<string, (object Body, string OrderId)>();
        var answeredAt = new ConcurrentDictionary<string, DateTime>();
        var submitted = 0;
        var retried = 0;
        Task? kill = null;
        var killedAt = DateTime.MaxValue;
        await Task.WhenAll(Enumerable.Range(0, Channels).Select(channel => Task.Run(async () =>
        {
            var random = new Random(channel);
            for (var n = 0; n < OrdersPerChannel; n++)
            {
                var key = $"ch{channel}-{n}";
                var lines = scenario.Skus.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(sku => (sku, random.Next(1, 4))).ToArray();
                var body = Scenario.OrderBody($"PO-{key}", lines);
                var order = await SubmitUntilAnsweredAsync(scenario, body, key, () => Interlocked.Increment(ref retried));
                answered[key] = (body, order["orderId"]!.GetValue<string>());
                answeredAt[order["orderId"]!.GetValue<string>()] = DateTime.UtcNow;
                if (Interlocked.Increment(ref submitted) == Channels * OrdersPerChannel / 3)
                {
                    killedAt = DateTime.UtcNow;
                    kill = victim.KillAsync();
                }
            }
        })));
        await kill!;
        output.WriteLine($"{answered.Count} orders answered; {retried} submissions retried after the worker was killed.");

        Assert.Equal(Channels * OrdersPerChannel, answered.Count);
        Assert.Equal(answered.Count, answered.Values.Select(v => v.OrderId).Distinct().Count());
        Assert.Equal(WorkerSiloProcess.DeadStatus,
            await WorkerSiloProcess.WaitForMembershipStatusAsync(connectionString, victim.SiloPort, WorkerSiloProcess.DeadStatus, TimeSpan.FromSeconds(60)));
        // Found dead by a survivor's refused-connection check (Hosting/Cluster/RefusedSiloDetector.cs), not by waiting out
        // Orleans' missed probes and votes.
        Assert.Contains($":{victim.SiloPort}:", string.Join('\n', new[] { survivor.Output, api.Output }
            .SelectMany(output => output.Split('\n')).Where(line => line.Contains("refused 2 connections to its silo port", StringComparison.Ordinal))));

        // Every order a channel was told about is readable, with a valid status, and its key still replays it.
        var orders = new List<JsonObject>();
        foreach (var (key, (body, orderId)) in answered)
        {
            var replay = await SubmitUntilAnsweredAsync(scenario, body, key, () => { });
            Assert.Equal(orderId, replay["orderId"]!.GetValue<string>());
            orders.Add(await scenario.GetOrderAsync(orderId));
        }

        Assert.All(orders, order => Assert.Contains(order["status"]!.GetValue<string>(), OpenStatuses.Append("OnHold")));
        Assert.Contains(orders, order => order["status"]!.GetValue<string>() == "OnHold");

        // Conservation: on-hand untouched (nothing shipped) and reserved is exactly what open orders hold.
        foreach (var sku in scenario.Skus)
        {
            var expectedReserved = orders
                .Where(order => OpenStatuses.Contains(order["status"]!.GetValue<string>()))
                .SelectMany(order => order["lines"]!.AsArray())
                .Where(line => line!["sku"]!.GetValue<string>() == sku)
                .Sum(line => line!["quantity"]!.GetValue<int>());
            var position = await scenario.GetInventoryAsync(sku);
            Assert.Equal(initialOnHand[sku], position["onHand"]!.GetValue<int>());
            Assert.Equal(expectedReserved, position["reserved"]!.GetValue<int>());
        }

        // The survivors drive every accepted order to the warehouse within 10 s of the kill (issue 13), also those whose
        // grains lived on the dead silo: the death is known well within a second, and the sweep that follows wakes them
        // (their own wake time is a minute past their step). Orders accepted after the kill get 10 s from their answer.
        foreach (var order in orders.Where(order => order["status"]!.GetValue<string>() is "Accepted" or "ErpCommitted"))
        {
            var orderId = order["orderId"]!.GetValue<string>();
            var left = (answeredAt[orderId] < killedAt ? killedAt : answeredAt[orderId]) + TimeSpan.FromSeconds(10) - DateTime.UtcNow;
            await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse", left > TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100));
        }

        // Every released order holds its shipping-SLA timer: its stored state carries the wake time the sweeper wakes it
        // by (an order released while the reminder range moved must not lose it).
        Assert.Equal(0L, await ReleasedWithoutWakeTimeAsync(connectionString));

        // A worker silo's scrape shows the cluster's figures, not its own view: every answered order, by status, from the
        // order index the cluster's KPI grain counts (the test's orders are the only ones in this database).
        using var workerMetrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{survivorMetricsPort}"), Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.HoldsAsync(
            async () => (await PrometheusScrape.ReadAsync(workerMetrics)).Value("distribution_orders") == answered.Count,
            $"the worker's distribution_orders add up to the {answered.Count} answered orders", TimeSpan.FromSeconds(60));

        // The partner's feed lost nothing with the silo: per order exactly its timeline, in order, nothing twice.
        var feed = await FeedPages.ReadAllAsync(scenario.Partner, limit: 1000);
        FeedPages.AssertOrderedWithoutDuplicates(feed);
        foreach (var (_, (_, orderId)) in answered)
        {
            var timeline = (await scenario.GetOrderAsync(orderId))["timeline"]!.AsArray().Select(entry => entry!["status"]!.GetValue<string>());
            Assert.Equal(timeline, FeedPages.StatusesOf(feed, orderId));
        }
    }

    private static async Task<long> ReleasedWithoutWakeTimeAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            """
            SELECT count(*) FROM distribution_order_index i
            JOIN distribution_grain_state g ON g.service_id = i.service_id AND g.state_name = 'order' AND g.grain_key = i.order_id
            WHERE i.status = 'ReleasedToWarehouse' AND g.wake_at IS NULL
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What a channel does after a 5xx or a timeout: resubmit the same body with the same key.</summary>
    private static async Task<JsonObject> SubmitUntilAnsweredAsync(Scenario scenario, object body, string key, Action onRetry)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            try
            {
                using var response = await scenario.SubmitAsync(body, key);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return await Scenario.ReadObjectAsync(response);
                }

                // A silo's death is a 503 (retry), never a 500.
                Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
                Assert.True((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.Conflict,
                    $"Unexpected {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Transport failure: as good as a 5xx for a channel.
            }

            Assert.True(DateTime.UtcNow < deadline, $"Key {key} never got an answer.");
            onRetry();
            await Task.Delay(250);
        }
    }
}
