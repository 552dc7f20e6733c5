using System.Data;
using Microsoft.Data.Sqlite;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// Grain state in the embedded SQLite file (table <c>distribution_grain_state</c>, migration Sqlite/0003). One writer
/// connection runs each batch as one <c>BEGIN IMMEDIATE ... COMMIT</c> with a prepared statement per row, so the batch
/// costs one fsync; a separate reader connection serves read batches from the WAL snapshot without waiting for
/// writes. Times are stored as Unix milliseconds. The order index rows of the writes that applied are upserted in the
/// same transaction (<see cref="SqliteOrderIndex"/>).
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite runs synchronously (its async methods complete inline), so this store works synchronously
/// on the batch loop's thread; the writer connection is shared with the expiry sweep under a lock held for one
/// statement or one batch, never across an await.
/// </remarks>
public sealed class SqliteGrainStateStore : IGrainStateStore, IAsyncDisposable
{
    /// <inheritdoc />
    /// <remarks>Microsoft.Data.Sqlite has no asynchronous I/O: its async methods run synchronously.</remarks>
    public bool BlocksThread => true;

    private const string UpdateSql = """
        UPDATE distribution_grain_state
        SET version = version + 1, payload = @payload, wake_at = @wake_at, expires_at = @expires_at, modified_at = @now
        WHERE service_id = @service_id AND state_name = @state_name AND grain_key = @grain_key AND version = @expected
        RETURNING version;
        """;

    private const string InsertSql = """
        INSERT INTO distribution_grain_state (service_id, state_name, grain_key, version, payload, wake_at, expires_at, modified_at)
        VALUES (@service_id, @state_name, @grain_key, 1, @payload, @wake_at, @expires_at, @now)
        ON CONFLICT (service_id, state_name, grain_key) DO NOTHING
        RETURNING version;
        """;

    private const string AppendFeedSql = """
        INSERT INTO distribution_partner_feed (service_id, partner_id, event_id, event_type, occurred_at, payload)
        VALUES (@service_id, @partner_id, @event_id, @event_type, @occurred_at, @payload);
        """;

    private const string ReadFeedSql = """
        SELECT position, payload FROM distribution_partner_feed
        WHERE service_id = @service_id AND partner_id = @partner_id AND position > @after
        ORDER BY position
        LIMIT @limit;
        SELECT position FROM distribution_partner_feed_trim WHERE service_id = @service_id AND partner_id = @partner_id;
        """;

    // Both statements pick the same oldest events: they run in one transaction under the writer lock, so nothing
    // is appended in between. The remembered position per partner only ever rises.
    private const string TrimFeedSql = """
        INSERT INTO distribution_partner_feed_trim (service_id, partner_id, position)
        SELECT @service_id, e.partner_id, max(e.position)
        FROM (SELECT partner_id, position FROM distribution_partner_feed
              WHERE service_id = @service_id AND occurred_at < @before
              ORDER BY occurred_at LIMIT @limit) AS e
        WHERE true
        GROUP BY e.partner_id
        ON CONFLICT (service_id, partner_id) DO UPDATE SET position = max(position, excluded.position);
        DELETE FROM distribution_partner_feed
        WHERE position IN (SELECT position FROM distribution_partner_feed
                           WHERE service_id = @service_id AND occurred_at < @before
                           ORDER BY occurred_at LIMIT @limit);
        """;

    private const string ReadSql = """
        SELECT version, payload FROM distribution_grain_state
        WHERE service_id = @service_id AND state_name = @state_name AND grain_key = @grain_key;
        """;

    private const string DueSql = """
        SELECT grain_key FROM distribution_grain_state
        WHERE service_id = @service_id AND state_name = @state_name AND wake_at IS NOT NULL AND wake_at <= @due_by
        ORDER BY wake_at, grain_key
        LIMIT @limit;
        """;

    // One statement: the expiry is checked in the same statement that deletes, so a row whose expiry a grain just
    // pushed back is not deleted, and several silos sweeping at once only ever delete expired rows.
    private const string DeleteExpiredSql = """
        DELETE FROM distribution_grain_state
        WHERE rowid IN (
            SELECT rowid FROM distribution_grain_state
            WHERE service_id = @service_id AND expires_at IS NOT NULL AND expires_at <= @now
            ORDER BY expires_at
            LIMIT @limit);
        """;

    private readonly string _connectionString;
    private readonly string _serviceId;
    private readonly SqliteSynchronousMode _synchronous;
    private readonly TimeProvider _time;
    private readonly Lock _writerGate = new();

    private SqliteConnection? _writer;
    private SqliteCommand? _update;
    private SqliteCommand? _insert;
    private SqliteCommand? _deleteExpired;
    private SqliteOrderIndex? _orderIndex;
    private SqliteCommand? _appendFeed;
    private SqliteConnection? _reader;
    private SqliteCommand? _read;

    /// <summary>Creates the store over an already migrated file.</summary>
    public SqliteGrainStateStore(string connectionString, string serviceId, SqliteSynchronousMode synchronous, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        _connectionString = connectionString;
        _serviceId = serviceId;
        _synchronous = synchronous;
        _time = time;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_writerGate)
        {
            if (_writer is not null)
            {
                return Task.CompletedTask;
            }

            var writer = new SqliteConnection(_connectionString);
            writer.Open();
            // synchronous is per connection: it must be set on the one that commits. WAL is a property of the file
            // (the migration set it) and is repeated here for a file migrated by an older runner.
            Execute(writer, "PRAGMA journal_mode=WAL;");
            Execute(writer, $"PRAGMA synchronous={_synchronous.ToString().ToUpperInvariant()};");

            _update = Prepare(writer, UpdateSql, "@payload", "@wake_at", "@expires_at", "@now", "@service_id", "@state_name", "@grain_key", "@expected");
            _insert = Prepare(writer, InsertSql, "@payload", "@wake_at", "@expires_at", "@now", "@service_id", "@state_name", "@grain_key");
            _deleteExpired = Prepare(writer, DeleteExpiredSql, "@service_id", "@now", "@limit");
            _appendFeed = Prepare(writer, AppendFeedSql, "@service_id", "@partner_id", "@event_id", "@event_type", "@occurred_at", "@payload");
            _appendFeed.Parameters["@service_id"].Value = _serviceId;
            _update.Parameters["@service_id"].Value = _serviceId;
            _insert.Parameters["@service_id"].Value = _serviceId;
            _deleteExpired.Parameters["@service_id"].Value = _serviceId;
            _orderIndex = new SqliteOrderIndex(writer, _serviceId);

            var reader = new SqliteConnection(_connectionString);
            reader.Open();
            _read = Prepare(reader, ReadSql, "@service_id", "@state_name", "@grain_key");
            _read.Parameters["@service_id"].Value = _serviceId;

            _writer = writer;
            _reader = reader;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReadAsync(IReadOnlyList<StateRead> batch, CancellationToken cancellationToken)
    {
        var read = _read ?? throw NotStarted();
        var name = read.Parameters["@state_name"];
        var key = read.Parameters["@grain_key"];

        // One read transaction: the whole batch sees one snapshot, and SQLite takes its read lock once.
        using var transaction = _reader!.BeginTransaction(deferred: true);
        read.Transaction = transaction;
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i];
            name.Value = row.Key.StateName;
            key.Value = row.Key.GrainKey;
            using var reader = read.ExecuteReader(CommandBehavior.SingleRow);
            if (reader.Read())
            {
                row.Version = reader.GetInt32(0);
                row.Payload = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
            }
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteAsync(IReadOnlyList<StateWrite> batch, CancellationToken cancellationToken)
    {
        lock (_writerGate)
        {
            var update = _update ?? throw NotStarted();
            var insert = _insert!;
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();

            // deferred: false = BEGIN IMMEDIATE: take the write lock up front rather than fail to upgrade mid-batch.
            using var transaction = _writer!.BeginTransaction(deferred: false);
            update.Transaction = transaction;
            insert.Transaction = transaction;
            var expected = update.Parameters["@expected"];
            var updateRow = SqliteRowParameters.Of(update);
            var insertRow = SqliteRowParameters.Of(insert);
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                write.CommittedVersion = 0;
                SqliteCommand command;
                SqliteRowParameters row;
                if (write.ExpectedVersion is { } version)
                {
                    (command, row) = (update, updateRow);
                    expected.Value = version;
                }
                else if (write.IsClear)
                {
                    // Clearing a row the caller believes absent has nothing to clear: a conflict, as in the other stores.
                    continue;
                }
                else
                {
                    (command, row) = (insert, insertRow);
                }

                row.StateName.Value = write.Key.StateName;
                row.GrainKey.Value = write.Key.GrainKey;
                row.Payload.Value = (object?)write.Payload ?? DBNull.Value;
                row.WakeAt.Value = Milliseconds(write.WakeAt);
                row.ExpiresAt.Value = Milliseconds(write.ExpiresAt);
                row.Now.Value = now;
                if (command.ExecuteScalar() is long committed)
                {
                    write.CommittedVersion = checked((int)committed);
                    AppendFeed(write.Feed, transaction);

                    // Order index: the entry of a write that applied, in the same transaction.
                    if (write.OrderIndex is { } entry)
                    {
                        _orderIndex!.Upsert(transaction, write.Key.GrainKey, entry);
                    }
                }
            }

            // A throw before here disposes the transaction, which rolls the whole batch back.
            transaction.Commit();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> DueAsync(string stateName, DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        // Rare (sweepers): a pooled connection of its own, so it never waits behind a batch.
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = DueSql;
        command.Parameters.AddWithValue("@service_id", _serviceId);
        command.Parameters.AddWithValue("@state_name", stateName);
        command.Parameters.AddWithValue("@due_by", dueBy.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@limit", limit);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <inheritdoc />
    /// <remarks>A pooled connection of its own, reading the WAL snapshot: it never waits behind a batch.</remarks>
    public Task<IReadOnlyList<OrderSummary>> SearchOrdersAsync(OrderSearch search, CancellationToken cancellationToken) =>
        SqliteOrderIndex.SearchAsync(_connectionString, _serviceId, search, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<OrderStatus, long>> CountOrdersByStatusAsync(CancellationToken cancellationToken) =>
        SqliteOrderIndex.CountByStatusAsync(_connectionString, _serviceId, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        lock (_writerGate)
        {
            var delete = _deleteExpired ?? throw NotStarted();
            delete.Transaction = null;
            delete.Parameters["@now"].Value = now.ToUnixTimeMilliseconds();
            delete.Parameters["@limit"].Value = limit;
            return Task.FromResult(delete.ExecuteNonQuery());
        }
    }

    /// <inheritdoc />
    public async Task<StoredFeedRead> ReadFeedAsync(string partnerId, FeedCursor after, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<StoredFeedRow>();
        FeedCursor? trimmed = null;
        if (after.Value > long.MaxValue)
        {
            // Beyond any position SQLite hands out: the end of the feed.
            after = new FeedCursor(long.MaxValue);
        }

        // A pooled connection of its own (SSE readers and webhook deliveries read at once); one read transaction, so
        // the events and the trim position come from the same snapshot.
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ReadFeedSql;
        command.Parameters.AddWithValue("@service_id", _serviceId);
        command.Parameters.AddWithValue("@partner_id", partnerId);
        command.Parameters.AddWithValue("@after", (long)after.Value);
        command.Parameters.AddWithValue("@limit", limit);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new StoredFeedRow(new FeedCursor((ulong)reader.GetInt64(0)), (byte[])reader.GetValue(1)));
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                trimmed = new FeedCursor((ulong)reader.GetInt64(0));
            }
        }

        transaction.Commit();
        return new StoredFeedRead(rows, trimmed);
    }

    /// <inheritdoc />
    public async Task<FeedCursor?> ReadFeedEndAsync(string partnerId, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(position) FROM distribution_partner_feed WHERE service_id = @service_id AND partner_id = @partner_id;";
        command.Parameters.AddWithValue("@service_id", _serviceId);
        command.Parameters.AddWithValue("@partner_id", partnerId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? new FeedCursor((ulong)position) : null;
    }

    /// <inheritdoc />
    public Task<int> TrimFeedAsync(DateTimeOffset occurredBefore, int limit, CancellationToken cancellationToken)
    {
        lock (_writerGate)
        {
            var writer = _writer ?? throw NotStarted();
            using var transaction = writer.BeginTransaction(deferred: false);
            using var command = writer.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = TrimFeedSql;
            command.Parameters.AddWithValue("@service_id", _serviceId);
            command.Parameters.AddWithValue("@before", occurredBefore.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("@limit", limit);
            command.ExecuteNonQuery();
            using var count = writer.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = "SELECT changes();";
            var deleted = checked((int)(long)count.ExecuteScalar()!);
            transaction.Commit();
            return Task.FromResult(deleted);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        lock (_writerGate)
        {
            _update?.Dispose();
            _insert?.Dispose();
            _deleteExpired?.Dispose();
            _orderIndex?.Dispose();
            _orderIndex = null;
            _appendFeed?.Dispose();
            _read?.Dispose();
            _writer?.Dispose();
            _reader?.Dispose();
            _writer = null;
            _reader = null;
            _update = _insert = _deleteExpired = _appendFeed = _read = null;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Appends a write's feed events inside its batch's transaction, in list order (positions in commit order).</summary>
    private void AppendFeed(IReadOnlyList<FeedRow>? rows, SqliteTransaction transaction)
    {
        if (rows is not { Count: > 0 })
        {
            return;
        }

        var append = _appendFeed!;
        append.Transaction = transaction;
        foreach (var row in rows)
        {
            append.Parameters["@partner_id"].Value = row.PartnerId;
            append.Parameters["@event_id"].Value = row.EventId;
            append.Parameters["@event_type"].Value = row.EventType;
            append.Parameters["@occurred_at"].Value = row.OccurredAt.ToUnixTimeMilliseconds();
            append.Parameters["@payload"].Value = row.Payload;
            append.ExecuteNonQuery();
        }
    }

    private static object Milliseconds(DateTimeOffset? at) => at is { } value ? value.ToUnixTimeMilliseconds() : DBNull.Value;

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        }

        command.Prepare();
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static InvalidOperationException NotStarted() => new("The SQLite grain state store has not been started.");
}
