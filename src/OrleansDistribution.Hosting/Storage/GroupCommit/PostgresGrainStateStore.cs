using Npgsql;
using NpgsqlTypes;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// Grain state in PostgreSQL (table <c>distribution_grain_state</c>, migration Postgres/0004). A write batch is ONE
/// statement over <c>unnest</c> arrays: an optimistic UPDATE of the rows whose version matches plus an INSERT of the
/// new ones, atomic as any single statement, so a batch of a thousand rows is one round trip and one commit. A read
/// batch is one SELECT joined to the keys' arrays.
/// </summary>
public sealed class PostgresGrainStateStore : IGrainStateStore, IAsyncDisposable
{
    /// <inheritdoc />
    /// <remarks>PostgreSQL commits concurrent transactions together (its own group commit of the WAL flush).</remarks>
    public int MaxConcurrentBatches => 2;

    // Rows come back with their position in the batch (WITH ORDINALITY, 1-based); rows absent from the result did
    // not match their expected version, or were inserts that found a row, and changed nothing.
    private const string WriteSql = """
        WITH input AS (
            SELECT t.ord, t.state_name, t.grain_key, t.expected, t.payload, t.wake_at, t.expires_at
            FROM unnest($2::text[], $3::text[], $4::integer[], $5::bytea[], $6::timestamptz[], $7::timestamptz[])
                 WITH ORDINALITY AS t(state_name, grain_key, expected, payload, wake_at, expires_at, ord)
        ),
        updated AS (
            UPDATE distribution_grain_state AS s
            SET version = s.version + 1, payload = i.payload, wake_at = i.wake_at, expires_at = i.expires_at, modified_at = now()
            FROM input AS i
            WHERE i.expected IS NOT NULL
              AND s.service_id = $1 AND s.state_name = i.state_name AND s.grain_key = i.grain_key AND s.version = i.expected
            RETURNING i.ord, s.version
        ),
        inserted AS (
            INSERT INTO distribution_grain_state AS s (service_id, state_name, grain_key, version, payload, wake_at, expires_at, modified_at)
            SELECT $1, i.state_name, i.grain_key, 1, i.payload, i.wake_at, i.expires_at, now()
            FROM input AS i
            WHERE i.expected IS NULL AND i.payload IS NOT NULL
            ON CONFLICT (service_id, state_name, grain_key) DO NOTHING
            RETURNING s.state_name, s.grain_key, s.version
        )
        SELECT u.ord, u.version FROM updated AS u
        UNION ALL
        SELECT i.ord, n.version
        FROM inserted AS n
        JOIN input AS i ON i.state_name = n.state_name AND i.grain_key = n.grain_key AND i.expected IS NULL
        """;

    private const string ReadSql = """
        SELECT i.ord, s.version, s.payload
        FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS i(state_name, grain_key, ord)
        JOIN distribution_grain_state AS s
          ON s.service_id = $1 AND s.state_name = i.state_name AND s.grain_key = i.grain_key
        """;

    private const string DueSql = """
        SELECT grain_key FROM distribution_grain_state
        WHERE service_id = $1 AND state_name = $2 AND wake_at IS NOT NULL AND wake_at <= $3
        ORDER BY wake_at, grain_key
        LIMIT $4
        """;

    // SKIP LOCKED: silos sweeping at once take disjoint rows and never wait for a grain's write; the expiry is
    // checked again on the locked row, so a row whose expiry was just pushed back stays.
    private const string DeleteExpiredSql = """
        DELETE FROM distribution_grain_state AS s
        USING (
            SELECT state_name, grain_key FROM distribution_grain_state
            WHERE service_id = $1 AND expires_at IS NOT NULL AND expires_at <= $2
            ORDER BY expires_at
            LIMIT $3
            FOR UPDATE SKIP LOCKED
        ) AS e
        WHERE s.service_id = $1 AND s.state_name = e.state_name AND s.grain_key = e.grain_key AND s.expires_at <= $2
        """;

    // A deadlock between two silos' batches (possible only while one grain is briefly active on two silos) or a
    // serialization failure aborts the statement before anything commits, so the batch can simply run again.
    private const int MaxAttempts = 3;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;

    // The write loop's and the read loop's reusable arguments: each loop runs one batch at a time.

    /// <summary>Creates the store with its own connection pool (size it with the connection string).</summary>
    public PostgresGrainStateStore(string connectionString, string serviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _serviceId = serviceId;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<StateWrite> batch, CancellationToken cancellationToken)
    {
        // Buffers per call: two batches (of disjoint rows) may be in flight at once.
        var writeStates = new List<string>(batch.Count);
        var writeKeys = new List<string>(batch.Count);
        var expected = new List<int?>(batch.Count);
        var payloads = new List<byte[]?>(batch.Count);
        var wakeAt = new List<DateTime?>(batch.Count);
        var expiresAt = new List<DateTime?>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var write = batch[i];
            writeStates.Add(write.Key.StateName);
            writeKeys.Add(write.Key.GrainKey);
            expected.Add(write.ExpectedVersion);
            payloads.Add(write.Payload);
            wakeAt.Add(write.WakeAt?.UtcDateTime);
            expiresAt.Add(write.ExpiresAt?.UtcDateTime);
        }

        for (var attempt = 1; ; attempt++)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].CommittedVersion = 0;
            }

            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var command = new NpgsqlCommand(WriteSql, connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId, NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<List<string>> { TypedValue = writeStates, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<List<string>> { TypedValue = writeKeys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<List<int?>> { TypedValue = expected, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
                command.Parameters.Add(new NpgsqlParameter<List<byte[]?>> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
                command.Parameters.Add(new NpgsqlParameter<List<DateTime?>> { TypedValue = wakeAt, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                command.Parameters.Add(new NpgsqlParameter<List<DateTime?>> { TypedValue = expiresAt, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });

                // Prepared once per physical connection; later batches on it skip parsing and planning.
                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    batch[checked((int)reader.GetInt64(0)) - 1].CommittedVersion = reader.GetInt32(1);
                }

                return;
            }
            catch (PostgresException exception) when (attempt < MaxAttempts && exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // Nothing committed; run the same batch again.
            }
        }
    }

    /// <inheritdoc />
    public async Task ReadAsync(IReadOnlyList<StateRead> batch, CancellationToken cancellationToken)
    {
        var readStates = new List<string>(batch.Count);
        var readKeys = new List<string>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            readStates.Add(batch[i].Key.StateName);
            readKeys.Add(batch[i].Key.GrainKey);
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(ReadSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<List<string>> { TypedValue = readStates, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<List<string>> { TypedValue = readKeys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var read = batch[checked((int)reader.GetInt64(0)) - 1];
            read.Version = reader.GetInt32(1);
            read.Payload = reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> DueAsync(string stateName, DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(DueSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = dueBy.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <inheritdoc />
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(DeleteExpiredSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
