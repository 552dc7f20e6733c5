using System.Text.Json.Nodes;
using Npgsql;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Tests.Fixtures;
using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.Hosting.Storage.GroupCommit;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Grains.Tests.Storage.OrderIndex;

/// <summary>
/// The searches PostgreSQL runs on a large order index read its indexes, never the whole table: a channel reference is a
/// lookup in its index, a keyset page a range scan of the partner's (creation time, order ID) index with no sort.
/// EXPLAIN, not a stopwatch: samples/OrderSearchBench prints the latencies at a million orders.
/// </summary>
[Collection(typeof(PostgresCollection))]
public sealed class PostgresOrderIndexPlanTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string ServiceId = "svc-plans";
    private const int Rows = 100_000;
    private const int Partners = 20;
    private string _connectionString = "";

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("orderplans");
        await new SqlMigrationRunner(SqlMigrationProvider.Postgres, _connectionString).ApplyAsync();
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var fill = new NpgsqlCommand($"""
            INSERT INTO distribution_order_index (service_id, order_id, partner_id, channel_order_ref, customer_id, status, created_at, total, currency)
            SELECT '{ServiceId}', 'ord_' || lpad(g::text, 8, '0'), 'partner-' || (g % {Partners}), 'PO-' || g, 'C-' || (g % 5000),
                   CASE WHEN g % 50 = 0 THEN 'OnHold' ELSE 'Delivered' END,
                   timestamptz '2026-01-01 00:00:00Z' + g * interval '1 second', 10.50, 'USD'
            FROM generate_series(1, {Rows}) AS g;
            ANALYZE distribution_order_index;
            """, connection);
        await fill.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ChannelOrderRefLookup_OfAPartner_UsesTheReferenceIndex()
    {
        var search = new OrderSearch { PartnerId = "partner-7", ChannelOrderRef = "PO-54327", Limit = 51 };

        var plan = await PlanAsync(search);
        var found = await SearchAsync(search);

        Assert.Contains("distribution_order_index_ref", IndexesOf(plan));
        Assert.DoesNotContain("Seq Scan", NodeTypesOf(plan));
        Assert.Equal("ord_00054327", Assert.Single(found).OrderId);
    }

    [Fact]
    public async Task ChannelOrderRefLookup_AcrossPartners_UsesTheReferenceIndex()
    {
        var plan = await PlanAsync(new OrderSearch { ChannelOrderRef = "PO-99", Limit = 51 });

        Assert.Contains("distribution_order_index_ref", IndexesOf(plan));
        Assert.DoesNotContain("Seq Scan", NodeTypesOf(plan));
    }

    [Fact]
    public async Task KeysetPage_OfAPartner_RangeScanOfItsCreationIndexWithoutSort()
    {
        var first = await SearchAsync(new OrderSearch { PartnerId = "partner-3", Limit = 50 });
        var next = new OrderSearch { PartnerId = "partner-3", After = first[^1].Key, Limit = 51 };

        var plan = await PlanAsync(next);
        var second = await SearchAsync(next);

        Assert.Contains("distribution_order_index_partner_created", IndexesOf(plan));
        Assert.DoesNotContain("Seq Scan", NodeTypesOf(plan));
        Assert.DoesNotContain("Sort", NodeTypesOf(plan));
        Assert.True(second[0].Key.CreatedAt < first[^1].Key.CreatedAt, "the second page starts after the first");
    }

    private async Task<JsonNode> PlanAsync(OrderSearch search)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = PostgresOrderIndex.SearchCommand(ServiceId, search);
        command.CommandText = "EXPLAIN (FORMAT JSON) " + command.CommandText;
        command.Connection = connection;
        return JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)![0]!["Plan"]!;
    }

    private async Task<IReadOnlyList<OrderSummary>> SearchAsync(OrderSearch search)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        using var index = new PostgresOrderIndex(dataSource, ServiceId);
        return await index.SearchAsync(search, CancellationToken.None);
    }

    private static List<string> IndexesOf(JsonNode plan) => Nodes(plan).Select(node => node["Index Name"]?.GetValue<string>()).OfType<string>().ToList();

    private static List<string> NodeTypesOf(JsonNode plan) => Nodes(plan).Select(node => node["Node Type"]!.GetValue<string>()).ToList();

    private static IEnumerable<JsonNode> Nodes(JsonNode plan) =>
        new[] { plan }.Concat(plan["Plans"]?.AsArray().SelectMany(child => Nodes(child!)) ?? []);
}
