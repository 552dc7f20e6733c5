using Npgsql;
using Throughput.Api;

namespace Throughput.Postgres;

/// <summary>
/// Reads <c>pg_stat_database.xact_commit</c> and <c>n_tup_ins + n_tup_upd + n_tup_del</c> over
/// <c>pg_stat_user_tables</c> for the API's database. PostgreSQL publishes a backend's statistics when it
/// goes idle, at most once a second, and an idle backend's last figures only after
/// <see cref="FlushDelay"/>; so a reading after the load must wait that long to see all of it.
/// </summary>
internal sealed class PgActivityReader(string connectionString)
{
    /// <summary>How long after the last write every backend has published its statistics (PGSTAT_IDLE_INTERVAL is 10 s).</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(11);

    private const string Query = """
        SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
               (SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint FROM pg_stat_user_tables)
        """;

    private readonly string _connectionString = connectionString;

    /// <summary>The counters now, as this session sees them (a fresh snapshot per call).</summary>
    public async Task<PgActivity> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(Query, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new PgActivity(reader.GetInt64(0), reader.GetInt64(1));
        }
        catch (NpgsqlException ex)
        {
            throw new SetupException($"cannot read PostgreSQL statistics with --pg: {ex.Message}");
        }
    }
}
