using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace OrleansDistribution.Hosting.Storage;

/// <summary>
/// Durable reminders in the embedded SQLite file (table from migration Sqlite/0002). Orleans ships
/// reminder providers for server databases only; without this, an order accepted just before a
/// restart of a single-process deployment would never be resumed.
/// </summary>
public sealed class SqliteReminderTable(IOptions<ClusterOptions> clusterOptions, SqliteStorageLocation location) : IReminderTable
{
    private string ServiceId => clusterOptions.Value.ServiceId;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        QueryAsync("grain_id = @grainId", command => command.Parameters.AddWithValue("@grainId", grainId.ToString()));

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        // The ring range is (begin, end]; when begin >= end it wraps around zero.
        QueryAsync(begin < end ? "grain_hash > @begin AND grain_hash <= @end" : "(grain_hash > @begin OR grain_hash <= @end)", command =>
        {
            command.Parameters.AddWithValue("@begin", (long)begin);
            command.Parameters.AddWithValue("@end", (long)end);
        });

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await QueryAsync("grain_id = @grainId AND reminder_name = @name", command =>
        {
            command.Parameters.AddWithValue("@grainId", grainId.ToString());
            command.Parameters.AddWithValue("@name", reminderName);
        });
        return rows.Reminders.FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO distribution_reminders (service_id, grain_id, reminder_name, grain_hash, start_at_ms, period_ms, version)
            VALUES (@serviceId, @grainId, @name, @hash, @startAt, @period, 1)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
                SET start_at_ms = excluded.start_at_ms, period_ms = excluded.period_ms, version = version + 1
            RETURNING version;
            """;
        command.Parameters.AddWithValue("@serviceId", ServiceId);
        command.Parameters.AddWithValue("@grainId", entry.GrainId.ToString());
        command.Parameters.AddWithValue("@name", entry.ReminderName);
        command.Parameters.AddWithValue("@hash", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("@startAt", new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@period", (long)entry.Period.TotalMilliseconds);
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return version.ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM distribution_reminders
            WHERE service_id = @serviceId AND grain_id = @grainId AND reminder_name = @name AND version = @version;
            """;
        command.Parameters.AddWithValue("@serviceId", ServiceId);
        command.Parameters.AddWithValue("@grainId", grainId.ToString());
        command.Parameters.AddWithValue("@name", reminderName);
        command.Parameters.AddWithValue("@version", long.Parse(eTag, CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync() > 0;
    }

    /// <inheritdoc />
    public async Task TestOnlyClearTable()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM distribution_reminders WHERE service_id = @serviceId;";
        command.Parameters.AddWithValue("@serviceId", ServiceId);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<ReminderTableData> QueryAsync(string predicate, Action<SqliteCommand> bind)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT grain_id, reminder_name, start_at_ms, period_ms, version
            FROM distribution_reminders
            WHERE service_id = @serviceId AND {predicate};
            """;
        command.Parameters.AddWithValue("@serviceId", ServiceId);
        bind(command);
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)).UtcDateTime,
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return new ReminderTableData(entries);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(location.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
