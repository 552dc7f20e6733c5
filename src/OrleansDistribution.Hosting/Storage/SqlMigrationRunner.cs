using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace OrleansDistribution.Hosting.Storage;

/// <summary>
/// Applies the embedded SQL scripts under <c>Storage/Migrations/{Postgres|Sqlite}</c> in version
/// order, each inside its own transaction, and records every applied version in
/// <see cref="HistoryTable"/>. Versions already recorded are skipped, so running it again is a
/// no-op. On PostgreSQL a session-level advisory lock serialises concurrent migrators (several
/// silos starting at once); on SQLite each script runs in a <c>BEGIN IMMEDIATE</c> transaction
/// that re-checks the history table under the write lock.
/// </summary>
public sealed class SqlMigrationRunner
{
    /// <summary>Table that records applied versions.</summary>
    public const string HistoryTable = "distribution_schema_migrations";

    /// <summary>Key of the PostgreSQL advisory lock held while migrating ("ODMIGRAT" in ASCII).</summary>
    public const long PostgresAdvisoryLockKey = 0x4F444D4947524154;

    private const string ResourcePrefix = "OrleansDistribution.Hosting.Storage.Migrations.";

    private readonly SqlMigrationProvider _provider;
    private readonly string _connectionString;
    private readonly ILogger _logger;

    /// <summary>Creates a runner for one database.</summary>
    /// <param name="provider">Which engine <paramref name="connectionString"/> points at.</param>
    /// <param name="connectionString">An Npgsql or Microsoft.Data.Sqlite connection string.</param>
    /// <param name="logger">Optional logger.</param>
    public SqlMigrationRunner(SqlMigrationProvider provider, string connectionString, ILogger<SqlMigrationRunner>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _provider = provider;
        _connectionString = connectionString;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The embedded scripts for <paramref name="provider"/>, in the order they are applied.</summary>
    public static IReadOnlyList<SqlMigrationScript> GetScripts(SqlMigrationProvider provider)
    {
        var assembly = typeof(SqlMigrationRunner).Assembly;
        var prefix = ResourcePrefix + provider + ".";
        var scripts = new List<SqlMigrationScript>();
        foreach (var resourceName in assembly.GetManifestResourceNames())
        {
            if (!resourceName.StartsWith(prefix, StringComparison.Ordinal)
                || !resourceName.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = resourceName[prefix.Length..^".sql".Length];
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            var version = separator > 0 ? name[..separator] : name;
            if (!version.All(char.IsAsciiDigit))
            {
                throw new InvalidOperationException(
                    $"Migration resource '{resourceName}' must be named NNNN_description.sql.");
            }

            scripts.Add(new SqlMigrationScript(version, name, ReadResource(assembly, resourceName)));
        }

        scripts.Sort(static (left, right) => CompareVersions(left.Version, right.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (CompareVersions(scripts[i - 1].Version, scripts[i].Version) == 0)
            {
                throw new InvalidOperationException(
                    $"Migrations '{scripts[i - 1].Name}' and '{scripts[i].Name}' share version {scripts[i].Version}.");
            }
        }

        return scripts;
    }

    /// <summary>Applies every script that is not yet recorded.</summary>
    /// <returns>The names of the scripts applied by this call, in order (empty when up to date).</returns>
    public Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var scripts = GetScripts(_provider);
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"No embedded migration scripts found for {_provider}.");
        }

        return _provider switch
        {
            SqlMigrationProvider.Postgres => ApplyPostgresAsync(scripts, cancellationToken),
            SqlMigrationProvider.Sqlite => ApplySqliteAsync(scripts, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(_provider), _provider, "Unknown migration provider."),
        };
    }

    /// <summary>Names of embedded scripts not yet recorded as applied (all of them when the history table is missing).</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken = default)
    {
        var scripts = GetScripts(_provider);
        await using DbConnection connection = _provider == SqlMigrationProvider.Postgres
            ? new NpgsqlConnection(_connectionString)
            : new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, string> applied;
        try
        {
            applied = await ReadAppliedAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // No history table yet: nothing was ever applied.
            applied = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return [.. scripts.Where(script => !applied.ContainsKey(script.Version)).Select(script => script.Name)];
    }

    private async Task<IReadOnlyList<string>> ApplyPostgresAsync(IReadOnlyList<SqlMigrationScript> scripts, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Session-level lock: held across all scripts, released explicitly below or by the server
        // when the connection ends (so a crashed migrator never leaves it behind).
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({PostgresAdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(
                connection,
                null,
                $"""
                CREATE TABLE IF NOT EXISTS {HistoryTable}
                (
                    version    text        NOT NULL PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                cancellationToken).ConfigureAwait(false);

            var applied = await ReadAppliedAsync(connection, null, cancellationToken).ConfigureAwait(false);
            var appliedNow = new List<string>();
            foreach (var script in scripts)
            {
                if (IsApplied(applied, script))
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false);
                await RecordAsync(connection, transaction, script, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                appliedNow.Add(script.Name);
                _logger.LogInformation("Applied PostgreSQL migration {Migration}", script.Name);
            }

            return appliedNow;
        }
        finally
        {
            // Best effort: if the connection is broken the server has already dropped the lock.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({PostgresAdvisoryLockKey})", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<string>> ApplySqliteAsync(IReadOnlyList<SqlMigrationScript> scripts, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // WAL lets readers proceed while a grain writes; it is a property of the file, so setting it
        // once here (outside any transaction, as SQLite requires) covers every later connection.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);

        await ExecuteAsync(
            connection,
            null,
            $"""
            CREATE TABLE IF NOT EXISTS {HistoryTable}
            (
                version    TEXT NOT NULL PRIMARY KEY,
                name       TEXT NOT NULL,
                checksum   TEXT NOT NULL,
                applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
            )
            """,
            cancellationToken).ConfigureAwait(false);

        var appliedNow = new List<string>();
        foreach (var script in scripts)
        {
            // deferred: false => BEGIN IMMEDIATE: the write lock is taken before the history check,
            // so two processes cannot both decide to apply the same script.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var applied = await ReadAppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (IsApplied(applied, script))
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false);
            await RecordAsync(connection, transaction, script, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            appliedNow.Add(script.Name);
            _logger.LogInformation("Applied SQLite migration {Migration}", script.Name);
        }

        return appliedNow;
    }

    private bool IsApplied(IReadOnlyDictionary<string, string> applied, SqlMigrationScript script)
    {
        if (!applied.TryGetValue(script.Version, out var checksum))
        {
            return false;
        }

        if (!string.Equals(checksum, script.Checksum, StringComparison.OrdinalIgnoreCase))
        {
            // Scripts are idempotent, so an edited script is not re-run automatically: add a new
            // version instead. Say so, because it usually means someone edited a shipped script.
            _logger.LogWarning(
                "Migration {Migration} was applied with checksum {Recorded} but the embedded script now has {Current}; it is not re-applied",
                script.Name,
                checksum,
                script.Checksum);
        }

        return true;
    }

    private static async Task<IReadOnlyDictionary<string, string>> ReadAppliedAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT version, checksum FROM {HistoryTable}";
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task RecordAsync(DbConnection connection, DbTransaction transaction, SqlMigrationScript script, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {HistoryTable} (version, name, checksum) VALUES (@version, @name, @checksum)";
        AddParameter(command, "@version", script.Version);
        AddParameter(command, "@name", script.Name);
        AddParameter(command, "@checksum", script.Checksum);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static int CompareVersions(string left, string right)
    {
        var trimmedLeft = left.TrimStart('0');
        var trimmedRight = right.TrimStart('0');
        var byLength = trimmedLeft.Length.CompareTo(trimmedRight.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(trimmedLeft, trimmedRight);
    }

    private static string ReadResource(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{resourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
