using System.Net;
using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.Hosting.Storage;

namespace OrleansDistribution.Api.Tests.Durability;

/// <summary>
/// Order search on the durable storage modes, where the index row rides the order's own database write: every order is
/// found right after its 201 while many are accepted at once (and so share group-commit batches), on PostgreSQL and on
/// the embedded SQLite file.
/// </summary>
[Collection(typeof(PostgresCollection))]
public sealed class OrderSearchStorageTests(PostgresFixture postgres) : IDisposable
{
    private const int Orders = 24;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"odtest-search-{Guid.NewGuid():N}");

    [Fact]
    public async Task PostgresApi_ConcurrentOrders_EachFoundByItsReferenceRightAfterIts201()
    {
        var connectionString = await postgres.CreateDatabaseAsync("search");
        await new SqlMigrationRunner(SqlMigrationProvider.Postgres, connectionString).ApplyAsync();

        await RunAsync(new Dictionary<string, string>
        {
            ["Distribution:Storage"] = "Postgres",
            ["ConnectionStrings:Distribution"] = connectionString,
        });
    }

    [Fact]
    public async Task EmbeddedApi_ConcurrentOrders_EachFoundByItsReferenceRightAfterIts201()
    {
        await RunAsync(new Dictionary<string, string>
        {
            ["Distribution:Storage"] = "Embedded",
            ["Distribution:DataDirectory"] = _dataDirectory,
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static async Task RunAsync(Dictionary<string, string> settings)
    {
        await using var api = new ConfiguredApiFixture(settings);
        await api.InitializeAsync();
        using var scenario = await Scenario.CreateAsync(api, stock: 1_000);
        using var other = await Scenario.CreateAsync(api, stock: 1_000);
        var run = Guid.NewGuid().ToString("N")[..8];

        var found = await Task.WhenAll(Enumerable.Range(0, Orders).Select(async i =>
        {
            var reference = $"PO-{run}-{i}";
            var created = await scenario.SubmitCreatedAsync(Scenario.OrderBody(reference, (scenario.Skus[i % 2], 1)));
            using var response = await scenario.Partner.GetAsync($"/v1/orders?channelOrderRef={reference}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var orders = (await Scenario.ReadObjectAsync(response))["orders"]!.AsArray();
            return (Created: created["orderId"]!.GetValue<string>(), Found: orders.Select(order => order!["orderId"]!.GetValue<string>()).ToList());
        }));
        await other.SubmitCreatedAsync(Scenario.OrderBody($"PO-{run}-0", (other.Skus[0], 1)));

        Assert.All(found, result => Assert.Equal([result.Created], result.Found));

        // Pages of 5 over the partner's orders: each exactly once, and none of the other partner's.
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            using var response = await scenario.Partner.GetAsync(cursor is null ? "/v1/orders?limit=5" : $"/v1/orders?limit=5&cursor={cursor}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Scenario.ReadObjectAsync(response);
            paged.AddRange(page["orders"]!.AsArray().Select(order => order!["orderId"]!.GetValue<string>()));
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.Equal(found.Select(result => result.Created).Order(StringComparer.Ordinal), paged.Order(StringComparer.Ordinal));
    }
}
