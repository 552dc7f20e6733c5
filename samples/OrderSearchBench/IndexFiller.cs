using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace OrderSearchBench;

/// <summary>Bulk-loads synthetic orders into <c>distribution_order_index</c> with binary COPY, then analyzes the table.</summary>
internal static class IndexFiller
{
    /// <summary>Inserts orders 0..rows-1 of <paramref name="serviceId"/> unless they are there already; returns the time it took.</summary>
    public static async Task<TimeSpan> FillAsync(NpgsqlDataSource dataSource, string serviceId, int rows, int partners, TextWriter output, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM distribution_order_index WHERE service_id = $1", connection))
        {
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
            var present = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            if (present == rows)
            {
                output.WriteLine($"{rows:N0} orders of service {serviceId} already present (--keep run); not filling");
                return TimeSpan.Zero;
            }

            if (present != 0)
            {
                throw new InvalidOperationException($"service {serviceId} has {present:N0} orders, not {rows:N0}: use another --service");
            }
        }

        var clock = Stopwatch.StartNew();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY distribution_order_index (service_id, order_id, partner_id, channel_order_ref, customer_id, status, created_at, total, currency) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            for (var i = 0; i < rows; i++)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(serviceId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(SyntheticOrders.OrderId(i), NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(SyntheticOrders.PartnerId(i, partners), NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(SyntheticOrders.ChannelOrderRef(i), NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(SyntheticOrders.CustomerId(i), NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(SyntheticOrders.Status(i), NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(SyntheticOrders.CreatedAt(i), NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(25.00m + (i % 100), NpgsqlDbType.Numeric, cancellationToken);
                await importer.WriteAsync("USD", NpgsqlDbType.Text, cancellationToken);
                if ((i + 1) % 250_000 == 0)
                {
                    output.WriteLine($"  {i + 1:N0} rows sent ({clock.Elapsed.TotalSeconds:F1} s)");
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE distribution_order_index", connection))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        return clock.Elapsed;
    }

    /// <summary>Deletes the service's rows again.</summary>
    public static async Task<int> DeleteAsync(NpgsqlDataSource dataSource, string serviceId, CancellationToken cancellationToken)
    {
        await using var delete = dataSource.CreateCommand("DELETE FROM distribution_order_index WHERE service_id = $1");
        delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
