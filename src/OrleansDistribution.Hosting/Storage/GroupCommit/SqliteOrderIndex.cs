using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// The order index's part of <see cref="SqliteGrainStateStore"/> (table <c>distribution_order_index</c>, migration
/// Sqlite/0005): the prepared upsert the writer runs in a batch's transaction after each order write that applied, and
/// the search query. Times are Unix milliseconds; the total is the decimal's invariant text.
/// </summary>
public sealed class SqliteOrderIndex : IDisposable
{
    // A row whose values did not change is not rewritten (most order writes change only the state: timeline, wake time).
    private const string UpsertSql = """
        INSERT INTO distribution_order_index (service_id, order_id, partner_id, channel_order_ref, customer_id, status, created_at, total, currency)
        VALUES (@service_id, @order_id, @partner_id, @channel_order_ref, @customer_id, @status, @created_at, @total, @currency)
        ON CONFLICT (service_id, order_id) DO UPDATE
        SET partner_id = excluded.partner_id, channel_order_ref = excluded.channel_order_ref, customer_id = excluded.customer_id,
            status = excluded.status, created_at = excluded.created_at, total = excluded.total, currency = excluded.currency
        WHERE (partner_id, channel_order_ref, customer_id, status, created_at, total, currency)
              IS NOT (excluded.partner_id, excluded.channel_order_ref, excluded.customer_id, excluded.status,
                      excluded.created_at, excluded.total, excluded.currency);
        """;

    private const string SearchColumns = """
        SELECT order_id, partner_id, channel_order_ref, customer_id, status, created_at, total, currency
        FROM distribution_order_index
        WHERE service_id = @service_id
        """;

    private const string CountByStatusSql = "SELECT status, count(*) FROM distribution_order_index WHERE service_id = @service_id GROUP BY status;";

    private readonly SqliteCommand _upsert;
    private readonly SqliteParameter _orderId;
    private readonly SqliteParameter _partnerId;
    private readonly SqliteParameter _channelOrderRef;
    private readonly SqliteParameter _customerId;
    private readonly SqliteParameter _status;
    private readonly SqliteParameter _createdAt;
    private readonly SqliteParameter _total;
    private readonly SqliteParameter _currency;

    /// <summary>Prepares the upsert on the writer connection.</summary>
    public SqliteOrderIndex(SqliteConnection writer, string serviceId)
    {
        _upsert = writer.CreateCommand();
        _upsert.CommandText = UpsertSql;
        _upsert.Parameters.AddWithValue("@service_id", serviceId);
        _orderId = Parameter("@order_id");
        _partnerId = Parameter("@partner_id");
        _channelOrderRef = Parameter("@channel_order_ref");
        _customerId = Parameter("@customer_id");
        _status = Parameter("@status");
        _createdAt = Parameter("@created_at");
        _total = Parameter("@total");
        _currency = Parameter("@currency");
        _upsert.Prepare();
    }

    /// <summary>Upserts the row of <paramref name="orderId"/> inside the writer's open <paramref name="transaction"/>.</summary>
    public void Upsert(SqliteTransaction transaction, string orderId, OrderIndexEntry entry)
    {
        _upsert.Transaction = transaction;
        _orderId.Value = orderId;
        _partnerId.Value = entry.PartnerId;
        _channelOrderRef.Value = entry.ChannelOrderRef;
        _customerId.Value = entry.CustomerId;
        _status.Value = OrderIndexStatus.Name(entry.Status);
        _createdAt.Value = entry.CreatedAt.ToUnixTimeMilliseconds();
        _total.Value = entry.Total.ToString(CultureInfo.InvariantCulture);
        _currency.Value = entry.Currency;
        _upsert.ExecuteNonQuery();
    }

    /// <summary>Orders per status, on a connection of its own (a scan of the service's index rows, from the WAL snapshot).</summary>
    public static async Task<IReadOnlyDictionary<OrderStatus, long>> CountByStatusAsync(string connectionString, string serviceId, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = CountByStatusSql;
        command.Parameters.AddWithValue("@service_id", serviceId);
        var counts = new Dictionary<OrderStatus, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[OrderIndexStatus.Parse(reader.GetString(0))] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>
    /// The search on a connection of its own: only the filters that are set, newest first, the keyset condition spelled as
    /// a range on created_at plus a tie-break so that it constrains the index scan.
    /// </summary>
    public static async Task<IReadOnlyList<OrderSummary>> SearchAsync(string connectionString, string serviceId, OrderSearch search, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder(SearchColumns);
        command.Parameters.AddWithValue("@service_id", serviceId);
        Filter(sql, command, "partner_id =", "@partner_id", search.PartnerId);
        Filter(sql, command, "channel_order_ref =", "@channel_order_ref", search.ChannelOrderRef);
        Filter(sql, command, "customer_id =", "@customer_id", search.CustomerId);
        Filter(sql, command, "status =", "@status", search.Status is { } status ? OrderIndexStatus.Name(status) : null);
        Filter(sql, command, "created_at >=", "@created_from", search.CreatedFrom?.ToUnixTimeMilliseconds());
        Filter(sql, command, "created_at <", "@created_to", search.CreatedTo?.ToUnixTimeMilliseconds());
        if (search.After is { } after)
        {
            sql.Append(" AND created_at <= @after_at AND (created_at < @after_at OR order_id < @after_id)");
            command.Parameters.AddWithValue("@after_at", after.CreatedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("@after_id", after.OrderId);
        }

        sql.Append(" ORDER BY created_at DESC, order_id DESC LIMIT @limit;");
        command.Parameters.AddWithValue("@limit", search.Limit);
        command.CommandText = sql.ToString();

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
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                decimal.Parse(reader.GetString(6), NumberStyles.Number, CultureInfo.InvariantCulture),
                reader.GetString(7)));
        }

        return orders;
    }

    /// <inheritdoc />
    public void Dispose() => _upsert.Dispose();

    private static void Filter(StringBuilder sql, SqliteCommand command, string condition, string name, object? value)
    {
        if (value is null)
        {
            return;
        }

        sql.Append(" AND ").Append(condition).Append(' ').Append(name);
        command.Parameters.AddWithValue(name, value);
    }

    private SqliteParameter Parameter(string name) => _upsert.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
}
