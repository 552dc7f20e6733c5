using Npgsql;
using NpgsqlTypes;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// Grain state in PostgreSQL (table <c>distribution_grain_state</c>, migration Postgres/0004). A write batch is ONE
/// statement over <c>unnest</c> arrays: an optimistic UPDATE of the rows whose version matches plus an INSERT of the
/// new ones (and the upsert of the order index rows of those that applied, <see cref="PostgresOrderIndex"/>), atomic as
/// any single statement, so a batch of a thousand rows is one round trip and one commit. A read batch is one SELECT
/// joined to the keys' arrays.
/// <para>
/// Both are prepared, so PostgreSQL soon runs them on a cached generic plan, planned from the table's statistics. Planned
/// while the table is empty or small (a fresh database), that plan hashes every row of the service instead of looking the
/// keys up in the primary key, and stays cached until the next ANALYZE: autovacuum analyzes at most once a minute, by when
/// a busy hub has inserted a hundred thousand rows and each batch scans them all (measured: writes of 100–500 ms, orders
/// at a tenth of their rate for up to a minute after start; docs/performance.md). So the store analyzes the table itself
/// each time it has inserted as many rows as the statistics knew of (at least <see cref="AnalyzeMinimumGrowth"/>), which
/// invalidates the cached plans; from <see cref="AnalyzeCeiling"/> rows on the key lookup wins on any statistics and
/// autovacuum's own schedule suffices.
/// </para>
/// </summary>
public sealed class PostgresGrainStateStore : IGrainStateStore, IAsyncDisposable
{
    /// <inheritdoc />
    /// <remarks>PostgreSQL commits concurrent transactions together (its own group commit of the WAL flush).</remarks>
    public int MaxConcurrentBatches => 2;

    // Rows come back with their position in the batch (WITH ORDINALITY, 1-based); rows absent from the result did
    // not match their expected version, or were inserts that found a row, and changed nothing. The feed events of
    // the writes that applied are appended in the same statement (one round trip, one commit), ONE row per partner
    // holding its events in batch order ($8 is the position of each event's write in the batch): the events are
    // (tx_id, 1), (tx_id, 2), … of this transaction, tx_id being the column default (migration 0007). The order
    // index's CTEs (PostgresOrderIndex, parameters $12–$19) write the index rows of the writes that applied.
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
        ),
        applied AS (
            SELECT u.ord, u.version FROM updated AS u
            UNION ALL
            SELECT i.ord, n.version
            FROM inserted AS n
            JOIN input AS i ON i.state_name = n.state_name AND i.grain_key = n.grain_key AND i.expected IS NULL
        ),
        fed AS (
            INSERT INTO distribution_partner_feed (service_id, partner_id, row_id, occurred_at, payloads)
            SELECT $1, f.partner_id, 1, max(f.occurred_at), array_agg(f.payload ORDER BY f.ord)
            FROM unnest($8::bigint[], $9::text[], $10::timestamptz[], $11::bytea[])
                 WITH ORDINALITY AS f(write_ord, partner_id, occurred_at, payload, ord)
            WHERE f.write_ord IN (SELECT a.ord FROM applied AS a)
            GROUP BY f.partner_id
        ),
        """ + PostgresOrderIndex.WriteCtes + """

        SELECT a.ord, a.version FROM applied AS a
        """;

    // Only events of transactions older than the oldest one still running: none of those can still commit an event
    // with a smaller position, so a reader that goes on from its last cursor never skips one (pg_snapshot_xmin).
    // The rows from the cursor's transaction on, in key order, each unnested into its events (row_id + n - 1).
    private const string ReadFeedSql = """
        SELECT f.tx_id, f.row_id + e.n - 1, e.payload
        FROM distribution_partner_feed AS f
        CROSS JOIN LATERAL unnest(f.payloads) WITH ORDINALITY AS e(payload, n)
        WHERE f.service_id = $1 AND f.partner_id = $2 AND f.tx_id >= $3::xid8
          AND (f.tx_id, f.row_id + e.n - 1) > ($3::xid8, $4)
          AND f.tx_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY f.tx_id, f.row_id, e.n
        LIMIT $5
        """;

    private const string FeedEndSql = """
        SELECT f.tx_id, f.row_id + cardinality(f.payloads) - 1
        FROM distribution_partner_feed AS f
        WHERE f.service_id = $1 AND f.partner_id = $2 AND f.tx_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY f.tx_id DESC, f.row_id DESC
        LIMIT 1
        """;

    private const string FeedTrimmedSql = """
        SELECT t.tx_id, t.row_id FROM distribution_partner_feed_trim AS t WHERE t.service_id = $1 AND t.partner_id = $2
        """;

    // Oldest first, a bounded batch of rows (each all of one transaction's events for the partner, deleted once the
    // newest is past retention), SKIP LOCKED so sweeping silos take disjoint rows; the last position deleted per
    // partner is kept (only ever raised) so a reader behind it learns it missed events. Counts the events deleted.
    private const string TrimFeedSql = """
        WITH gone AS (
            DELETE FROM distribution_partner_feed AS f
            USING (
                SELECT partner_id, tx_id, row_id FROM distribution_partner_feed
                WHERE service_id = $1 AND occurred_at < $2
                ORDER BY occurred_at
                LIMIT $3
                FOR UPDATE SKIP LOCKED
            ) AS e
            WHERE f.service_id = $1 AND f.partner_id = e.partner_id AND f.tx_id = e.tx_id AND f.row_id = e.row_id
            RETURNING f.partner_id, f.tx_id, f.row_id + cardinality(f.payloads) - 1 AS row_id, cardinality(f.payloads) AS events
        ),
        latest AS (
            SELECT DISTINCT ON (g.partner_id) g.partner_id, g.tx_id, g.row_id
            FROM gone AS g
            ORDER BY g.partner_id, g.tx_id DESC, g.row_id DESC
        ),
        remembered AS (
            INSERT INTO distribution_partner_feed_trim AS t (service_id, partner_id, tx_id, row_id)
            SELECT $1, l.partner_id, l.tx_id, l.row_id FROM latest AS l
            ON CONFLICT (service_id, partner_id) DO UPDATE SET tx_id = excluded.tx_id, row_id = excluded.row_id
            WHERE (t.tx_id, t.row_id) < (excluded.tx_id, excluded.row_id)
        )
        SELECT coalesce(sum(g.events), 0)::bigint FROM gone AS g
        """;

    /// <summary>A feed position is the transaction id times this, plus the row id (ids stay far below it).</summary>
    private static readonly UInt128 RowsPerTransaction = 1_000_000_000_000;

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

    // A deadlock between two silos' batches (possible only while one grain is briefly active on two silos), a
    // serialization failure or an order index race (PostgresOrderIndex.IsIndexRace) aborts the statement before
    // anything commits, so the batch can simply run again.
    private const int MaxAttempts = 3;

    /// <summary>Rows inserted before the first ANALYZE of ours.</summary>
    public const long AnalyzeMinimumGrowth = 1_000;

    /// <summary>Rows the statistics must know of before the store leaves analyzing to autovacuum.</summary>
    public const long AnalyzeCeiling = 1_000_000;

    private const string AnalyzeSql = "ANALYZE distribution_grain_state";

    private const string KnownRowsSql = "SELECT reltuples::bigint FROM pg_class WHERE oid = 'distribution_grain_state'::regclass";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;
    private readonly PostgresOrderIndex _orderIndex;
    private long _knownRows;
    private long _insertedSinceAnalyze;
    private int _analyzing;

    // The write loop's and the read loop's reusable arguments: each loop runs one batch at a time.

    /// <summary>Creates the store with its own connection pool (size it with the connection string).</summary>
    public PostgresGrainStateStore(string connectionString, string serviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        _dataSource = NpgsqlDataSource.Create(WithGenericPlans(connectionString));
        _serviceId = serviceId;
        _orderIndex = new PostgresOrderIndex(_dataSource, serviceId);
    }

    /// <summary>Completes when the last ANALYZE the store started has finished (tests wait for it).</summary>
    public Task LastAnalyze { get; private set; } = Task.CompletedTask;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _knownRows = await KnownRowsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // Unreachable now: the batches will say so. Counting from zero only means an early, cheap ANALYZE.
        }
    }

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
        var feed = new FeedColumns();
        for (var i = 0; i < batch.Count; i++)
        {
            var write = batch[i];
            feed.Add(i + 1, write.Feed);
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
                feed.AddParameters(command);
                PostgresOrderIndex.AddWriteParameters(command.Parameters, batch);

                // Prepared once per physical connection; later batches on it skip parsing and planning.
                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var inserted = 0;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var write = batch[checked((int)reader.GetInt64(0)) - 1];
                    write.CommittedVersion = reader.GetInt32(1);
                    inserted += write.ExpectedVersion is null ? 1 : 0;
                }

                CountInserted(inserted);
                return;
            }
            catch (PostgresException exception) when (attempt < MaxAttempts &&
                (exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure || PostgresOrderIndex.IsIndexRace(exception)))
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
    public Task<IReadOnlyList<OrderSummary>> SearchOrdersAsync(OrderSearch search, CancellationToken cancellationToken) =>
        _orderIndex.SearchAsync(search, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<OrderStatus, long>> CountOrdersByStatusAsync(CancellationToken cancellationToken) =>
        _orderIndex.CountByStatusAsync(cancellationToken);

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
    public async Task<StoredFeedRead> ReadFeedAsync(string partnerId, FeedCursor after, int limit, CancellationToken cancellationToken)
    {
        var (transaction, row) = Split(after);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        var read = new NpgsqlBatchCommand(ReadFeedSql);
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId, NpgsqlDbType = NpgsqlDbType.Text });
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = partnerId, NpgsqlDbType = NpgsqlDbType.Text });
        read.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = transaction, NpgsqlDbType = NpgsqlDbType.Xid8 });
        read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row, NpgsqlDbType = NpgsqlDbType.Bigint });
        read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        var trimmed = new NpgsqlBatchCommand(FeedTrimmedSql);
        trimmed.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId, NpgsqlDbType = NpgsqlDbType.Text });
        trimmed.Parameters.Add(new NpgsqlParameter<string> { TypedValue = partnerId, NpgsqlDbType = NpgsqlDbType.Text });
        batch.BatchCommands.Add(read);
        batch.BatchCommands.Add(trimmed);

        var rows = new List<StoredFeedRow>();
        FeedCursor? trimmedThrough = null;
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new StoredFeedRow(Join(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)), reader.GetFieldValue<byte[]>(2)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            trimmedThrough = Join(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
        }

        return new StoredFeedRead(rows, trimmedThrough);
    }

    /// <inheritdoc />
    public async Task<FeedCursor?> ReadFeedEndAsync(string partnerId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(FeedEndSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = partnerId, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Join(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : null;
    }

    /// <inheritdoc />
    public async Task<int> TrimFeedAsync(DateTimeOffset occurredBefore, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(TrimFeedSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = occurredBefore.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        return checked((int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await LastAnalyze.ConfigureAwait(false);
        _orderIndex.Dispose();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private void CountInserted(int inserted)
    {
        if (inserted == 0 || Volatile.Read(ref _knownRows) >= AnalyzeCeiling)
        {
            return;
        }

        var since = Interlocked.Add(ref _insertedSinceAnalyze, inserted);
        if (since >= Math.Max(AnalyzeMinimumGrowth, Volatile.Read(ref _knownRows)) && Interlocked.CompareExchange(ref _analyzing, 1, 0) == 0)
        {
            // Off the write path: a batch never waits for the statistics.
            LastAnalyze = Task.Run(AnalyzeAsync);
        }
    }

    private async Task AnalyzeAsync()
    {
        try
        {
            var since = Interlocked.Exchange(ref _insertedSinceAnalyze, 0);
            await using (var command = _dataSource.CreateCommand(AnalyzeSql))
            {
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            // What PostgreSQL now knows (rows deleted or another silo's inserts included); never less than we inserted.
            Volatile.Write(ref _knownRows, Math.Max(await KnownRowsAsync(CancellationToken.None).ConfigureAwait(false), Volatile.Read(ref _knownRows) + since));
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // Not the table's owner (PostgreSQL skips it with a warning, no error), or the database is unreachable: the
            // batches report that themselves. The statistics stay autovacuum's; nothing here is worth failing a write.
        }
        finally
        {
            Volatile.Write(ref _analyzing, 0);
        }
    }

    private async Task<long> KnownRowsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(KnownRowsSql);
        // -1: never analyzed.
        return Math.Max(0, (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
    }

    /// <summary>
    /// The connection string with <c>plan_cache_mode = force_generic_plan</c> for the store's sessions. Only the write
    /// and read batches are prepared statements, and both are key lookups whatever the arrays hold. Left to choose, the
    /// read batch (one or two keys, estimated cheaper when planned for them) was planned anew on every execution:
    /// planning cost twice its execution, a tenth of PostgreSQL's time per order on the acceptance benchmark
    /// (docs/performance.md). The store's own ANALYZE as the table grows keeps the generic plans on the primary key.
    /// </summary>
    private static string WithGenericPlans(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? GenericPlansOption : $"{builder.Options} {GenericPlansOption}";
        return builder.ConnectionString;
    }

    private const string GenericPlansOption = "-c plan_cache_mode=force_generic_plan";

    private static FeedCursor Join(ulong transaction, long row) => new(transaction * RowsPerTransaction + (UInt128)row);

    private static (ulong Transaction, long Row) Split(FeedCursor cursor)
    {
        var (transaction, row) = UInt128.DivRem(cursor.Value, RowsPerTransaction);
        // A cursor beyond any transaction id reads as the end of the feed.
        return transaction > ulong.MaxValue ? (ulong.MaxValue, long.MaxValue) : ((ulong)transaction, (long)row);
    }

    /// <summary>The feed events of one write batch as the statement's parallel arrays ($8–$11).</summary>
    private sealed class FeedColumns
    {
        private readonly List<long> _writeOrdinals = [];
        private readonly List<string> _partners = [];
        private readonly List<DateTime> _occurredAt = [];
        private readonly List<byte[]> _payloads = [];

        public void Add(int writeOrdinal, IReadOnlyList<FeedRow>? rows)
        {
            if (rows is null)
            {
                return;
            }

            foreach (var row in rows)
            {
                _writeOrdinals.Add(writeOrdinal);
                _partners.Add(row.PartnerId);
                _occurredAt.Add(row.OccurredAt.UtcDateTime);
                _payloads.Add(row.Payload);
            }
        }

        public void AddParameters(NpgsqlCommand command)
        {
            command.Parameters.Add(new NpgsqlParameter<List<long>> { TypedValue = _writeOrdinals, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter<List<string>> { TypedValue = _partners, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<List<DateTime>> { TypedValue = _occurredAt, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<List<byte[]>> { TypedValue = _payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        }
    }
}
