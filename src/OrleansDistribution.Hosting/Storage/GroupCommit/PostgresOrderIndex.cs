using System.Text;
using Npgsql;
using NpgsqlTypes;
using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// The order index's part of <see cref="PostgresGrainStateStore"/> (table <c>distribution_order_index</c>, migration
/// Postgres/0006): the CTEs that upsert the index rows inside the batch's write statement, their array parameters, and
/// the search query.
/// </summary>
/// <remarks>
/// Searches share the grain state's connection pool, which is sized for the write and read batches: at most
/// <see cref="MaxConcurrentSearches"/> run at once per silo, the others wait for it, so a burst of searches can never
/// hold the connections an order's write needs.
/// </remarks>
public sealed class PostgresOrderIndex(NpgsqlDataSource dataSource, string serviceId) : IDisposable
{
    /// <summary>Searches one silo runs at once on the grain state's pool.</summary>
    public const int MaxConcurrentSearches = 1;

    /// <summary>Number of the first parameter of <see cref="WriteCtes"/> in the write statement.</summary>
    public const int FirstWriteParameter = 12;

    /// <summary>
    /// CTEs of the write statement (after its <c>input</c> and <c>applied</c>, the writes that applied): the batch's index
    /// entries as arrays ($12–$19, <c>ord</c> = the write's 1-based position in the batch), joined to <c>applied</c>, then
    /// an UPDATE of the existing rows whose values changed and an INSERT of the missing ones.
    /// </summary>
    /// <remarks>
    /// Not one <c>INSERT … ON CONFLICT DO UPDATE</c>: an order is written three or four times and its index row exists
    /// from the first, and the upsert takes each of those conflicts the expensive way (a speculative insertion, a row lock
    /// logged to the WAL, then the filter), even when nothing changed. Measured on the acceptance benchmark it cost 0.45 ms
    /// of PostgreSQL time per write batch, as much as the rest of the statement's new parts together
    /// (docs/performance.md, "Issue 10 regression"). The UPDATE only touches rows whose status or total moved (neither is
    /// indexed, so those are HOT updates) and skips the others after a primary key lookup; the INSERT runs for first
    /// writes and for orders stored before the index existed. Both read the statement's snapshot, so a row is updated or
    /// inserted, never both. The INSERT has no ON CONFLICT clause: that would make every index insert a speculative one
    /// (an extra unique check and a confirmation record in the WAL per row), and a conflict needs two first writes of one
    /// order in concurrent statements, which the grain state's version check and primary key already exclude (only the
    /// write that applied reaches these CTEs). Should it still happen, the store runs the batch again
    /// (<see cref="IsIndexRace"/>), and the retry's NOT EXISTS sees the committed row.
    /// </remarks>
    public const string WriteCtes = """
        order_index_input AS (
            SELECT i.grain_key AS order_id, x.partner_id, x.channel_order_ref, x.customer_id, x.status, x.created_at, x.total, x.currency
            FROM unnest($12::bigint[], $13::text[], $14::text[], $15::text[], $16::text[], $17::timestamptz[], $18::numeric[], $19::text[])
                 AS x(ord, partner_id, channel_order_ref, customer_id, status, created_at, total, currency)
            JOIN applied AS a ON a.ord = x.ord
            JOIN input AS i ON i.ord = x.ord
        ),
        order_index_updated AS (
            UPDATE distribution_order_index AS o
            SET partner_id = x.partner_id, channel_order_ref = x.channel_order_ref, customer_id = x.customer_id,
                status = x.status, created_at = x.created_at, total = x.total, currency = x.currency
            FROM order_index_input AS x
            WHERE o.service_id = $1 AND o.order_id = x.order_id
              AND (o.partner_id, o.channel_order_ref, o.customer_id, o.status, o.created_at, o.total, o.currency)
                  IS DISTINCT FROM (x.partner_id, x.channel_order_ref, x.customer_id, x.status, x.created_at, x.total, x.currency)
        ),
        order_index_inserted AS (
            INSERT INTO distribution_order_index
                (service_id, order_id, partner_id, channel_order_ref, customer_id, status, created_at, total, currency)
            SELECT $1, x.order_id, x.partner_id, x.channel_order_ref, x.customer_id, x.status, x.created_at, x.total, x.currency
            FROM order_index_input AS x
            WHERE NOT EXISTS (SELECT 1 FROM distribution_order_index AS o WHERE o.service_id = $1 AND o.order_id = x.order_id)
        )
        """;

    /// <summary>Whether a write statement failed because a concurrent one inserted the same order's index row first.</summary>
    public static bool IsIndexRace(PostgresException exception) =>
        exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "distribution_order_index_pkey" };

    private const string SearchColumns = """
        SELECT order_id, partner_id, channel_order_ref, customer_id, status, created_at, total, currency
        FROM distribution_order_index
        WHERE service_id = $1
        """;

    /// <summary>Appends the parameters of <see cref="WriteCtes"/> for one batch (its order index entries as arrays) to the write command's.</summary>
    public static void AddWriteParameters(NpgsqlParameterCollection parameters, IReadOnlyList<StateWrite> batch)
    {
        if (parameters.Count != FirstWriteParameter - 1)
        {
            throw new InvalidOperationException($"The order index parameters start at ${FirstWriteParameter}; the command has {parameters.Count} before them.");
        }

        var ords = new List<long>();
        var partners = new List<string>();
        var refs = new List<string>();
        var customers = new List<string>();
        var statuses = new List<string>();
        var created = new List<DateTime>();
        var totals = new List<decimal>();
        var currencies = new List<string>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].OrderIndex is not { } entry)
            {
                continue;
            }

            ords.Add(i + 1);
            partners.Add(entry.PartnerId);
            refs.Add(entry.ChannelOrderRef);
            customers.Add(entry.CustomerId);
            statuses.Add(OrderIndexStatus.Name(entry.Status));
            created.Add(entry.CreatedAt.UtcDateTime);
            totals.Add(entry.Total);
            currencies.Add(entry.Currency);
        }

        parameters.Add(new NpgsqlParameter<List<long>> { TypedValue = ords, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        parameters.Add(Texts(partners));
        parameters.Add(Texts(refs));
        parameters.Add(Texts(customers));
        parameters.Add(Texts(statuses));
        parameters.Add(new NpgsqlParameter<List<DateTime>> { TypedValue = created, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter<List<decimal>> { TypedValue = totals, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
        parameters.Add(Texts(currencies));
    }

    /// <summary>
    /// The search as one statement with only the filters that are set (each an index's leading column or a filter on its
    /// rows), newest first. The keyset condition is spelled as a range on created_at plus a tie-break, so it is an index
    /// condition on every index ordered by (created_at DESC, order_id DESC).
    /// </summary>
    public static NpgsqlCommand SearchCommand(string serviceId, OrderSearch search)
    {
        var command = new NpgsqlCommand();
        var sql = new StringBuilder(SearchColumns);
        Add(command, NpgsqlDbType.Text, serviceId);
        if (search.PartnerId is { } partnerId)
        {
            sql.Append(" AND partner_id = $").Append(Add(command, NpgsqlDbType.Text, partnerId));
        }

        if (search.ChannelOrderRef is { } channelOrderRef)
        {
            sql.Append(" AND channel_order_ref = $").Append(Add(command, NpgsqlDbType.Text, channelOrderRef));
        }

        if (search.CustomerId is { } customerId)
        {
            sql.Append(" AND customer_id = $").Append(Add(command, NpgsqlDbType.Text, customerId));
        }

        if (search.Status is { } status)
        {
            sql.Append(" AND status = $").Append(Add(command, NpgsqlDbType.Text, OrderIndexStatus.Name(status)));
        }

        if (search.CreatedFrom is { } from)
        {
            sql.Append(" AND created_at >= $").Append(Add(command, NpgsqlDbType.TimestampTz, from.UtcDateTime));
        }

        if (search.CreatedTo is { } to)
        {
            sql.Append(" AND created_at < $").Append(Add(command, NpgsqlDbType.TimestampTz, to.UtcDateTime));
        }

        if (search.After is { } after)
        {
            var at = Add(command, NpgsqlDbType.TimestampTz, after.CreatedAt.UtcDateTime);
            var id = Add(command, NpgsqlDbType.Text, after.OrderId);
            sql.Append(" AND created_at <= $").Append(at).Append(" AND (created_at < $").Append(at).Append(" OR order_id < $").Append(id).Append(')');
        }

        sql.Append(" ORDER BY created_at DESC, order_id DESC LIMIT $").Append(Add(command, NpgsqlDbType.Integer, search.Limit));
        command.CommandText = sql.ToString();
        return command;
    }

    private readonly SemaphoreSlim _searches = new(MaxConcurrentSearches, MaxConcurrentSearches);

    /// <summary>Runs <see cref="SearchCommand"/> on a connection of the pool, at most <see cref="MaxConcurrentSearches"/> at once.</summary>
    public async Task<IReadOnlyList<OrderSummary>> SearchAsync(OrderSearch search, CancellationToken cancellationToken)
    {
        await _searches.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SearchOnceAsync(search, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _searches.Release();
        }
    }

    /// <summary>Orders per status: a scan of the service's index rows, on a connection of the pool.</summary>
    public async Task<IReadOnlyDictionary<OrderStatus, long>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT status, count(*) FROM distribution_order_index WHERE service_id = $1 GROUP BY status");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId, NpgsqlDbType = NpgsqlDbType.Text });
        var counts = new Dictionary<OrderStatus, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[OrderIndexStatus.Parse(reader.GetString(0))] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <inheritdoc />
    public void Dispose() => _searches.Dispose();

    private async Task<IReadOnlyList<OrderSummary>> SearchOnceAsync(OrderSearch search, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SearchCommand(serviceId, search);
        command.Connection = connection;
        var orders = new List<OrderSummary>(Math.Min(search.Limit, OrderSearch.MaxLimit + 1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            orders.Add(new OrderSummary(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                OrderIndexStatus.Parse(reader.GetString(4)),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(5)),
                reader.GetDecimal(6),
                reader.GetString(7)));
        }

        return orders;
    }

    private static NpgsqlParameter<List<string>> Texts(List<string> values) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static int Add<T>(NpgsqlCommand command, NpgsqlDbType type, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = type });
        return command.Parameters.Count;
    }
}
