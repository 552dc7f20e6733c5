using System.Globalization;
using Npgsql;
using OrderSearchBench;
using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.Hosting.Storage.GroupCommit;

// Figures get pasted side by side from different machines: keep decimal points uniform.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions? options;
try
{
    options = BenchOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}\nRun with --help for usage.");
    return 2;
}

if (options is null)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};

var applied = await new SqlMigrationRunner(SqlMigrationProvider.Postgres, options.ConnectionString).ApplyAsync(interrupt.Token);
Console.WriteLine(applied.Count == 0 ? "schema up to date" : $"migrations applied: {string.Join(", ", applied)}");

await using var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
Console.WriteLine($"filling {options.Rows:N0} orders of {options.Partners} partners (service {options.ServiceId}) with COPY ...");
var fill = await IndexFiller.FillAsync(dataSource, options.ServiceId, options.Rows, options.Partners, Console.Out, interrupt.Token);
if (fill > TimeSpan.Zero)
{
    Console.WriteLine($"filled in {fill.TotalSeconds:F1} s ({options.Rows / fill.TotalSeconds:N0} rows/s, indexes and ANALYZE included)");
}

try
{
    await using var store = new PostgresGrainStateStore(options.ConnectionString, options.ServiceId);
    await store.StartAsync(interrupt.Token);
    var results = await SearchBench.RunAsync(store, options, interrupt.Token);
    Console.WriteLine();
    Console.WriteLine($"{options.Rows:N0} orders, {options.Lookups} searches per kind, one at a time, limit 51:");
    Console.WriteLine(LatencySummary.Header);
    foreach (var result in results)
    {
        Console.WriteLine(result);
    }
}
finally
{
    if (!options.Keep)
    {
        var deleted = await IndexFiller.DeleteAsync(dataSource, options.ServiceId, CancellationToken.None);
        Console.WriteLine($"deleted the {deleted:N0} rows of service {options.ServiceId} (--keep leaves them)");
    }
}

return 0;
