using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Throughput.Api;
using Throughput.Tools;

namespace Throughput.Postgres;

/// <summary>
/// Runs <c>pgbench -N -c 8 -j 2 -T s</c> against a database on the API's PostgreSQL server: what this server
/// does for a conventional one-transaction-per-request workload, the yardstick of issue 7.
/// </summary>
internal static partial class PgBenchRunner
{
    private const int Clients = 8;
    private const int Jobs = 2;
    private const int Scale = 10;
    private const string Hint = "Install it with `apt-get install postgresql-client` (pgbench comes with it).";

    /// <summary>Initializes the database if needed (<c>pgbench -i -s 10</c>), then measures.</summary>
    public static async Task<PgBenchResult> RunAsync(string apiConnectionString, string database, int seconds, TextWriter log, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(apiConnectionString) { Database = database, Pooling = false };
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = target.Host ?? "localhost",
            ["PGPORT"] = target.Port.ToString(CultureInfo.InvariantCulture),
            ["PGUSER"] = target.Username ?? Environment.UserName,
            ["PGPASSWORD"] = target.Password ?? string.Empty,
            ["PGDATABASE"] = database,
        };

        if (!await IsInitializedAsync(target.ConnectionString, cancellationToken))
        {
            log.WriteLine($"pgbench: initializing database {database} (pgbench -i -s {Scale})");
            var init = await ToolRunner.RunAsync("pgbench", ["-i", "-s", Scale.ToString(CultureInfo.InvariantCulture)], Hint, environment);
            if (init.ExitCode != 0)
            {
                throw new SetupException($"pgbench -i failed: {init.Error.Trim()}");
            }
        }

        // Flush what earlier runs left dirty first: a checkpoint falling into pgbench's 10 s once gave 374 tps
        // instead of 3,400, which would make any ratio against it meaningless.
        await CheckpointAsync(target.ConnectionString, log, cancellationToken);

        var c = CultureInfo.InvariantCulture;
        var run = await ToolRunner.RunAsync("pgbench",
            ["-N", "-c", Clients.ToString(c), "-j", Jobs.ToString(c), "-T", seconds.ToString(c)], Hint, environment);
        var tps = TpsLine().Match(run.Output);
        if (run.ExitCode != 0 || !tps.Success)
        {
            throw new SetupException($"pgbench -N failed ({run.ExitCode}): {run.Error.Trim()} {run.Output.Trim()}");
        }

        return new PgBenchResult(double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture), Clients, seconds, database);
    }

    private static async Task CheckpointAsync(string connectionString, TextWriter log, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 300 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            // CHECKPOINT needs superuser or pg_checkpoint; without it pgbench still runs, just less steadily.
            log.WriteLine($"pgbench: no CHECKPOINT before the run ({ex.MessageText}); the figure may be disturbed by one");
        }
    }

    private static async Task<bool> IsInitializedAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT to_regclass('public.pgbench_accounts') IS NOT NULL", connection);
            return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new SetupException($"database {new NpgsqlConnectionStringBuilder(connectionString).Database} does not exist on that server: create it (createdb) or pass --pgbench-db");
        }
        catch (NpgsqlException ex)
        {
            throw new SetupException($"cannot connect for pgbench: {ex.Message}");
        }
    }

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
