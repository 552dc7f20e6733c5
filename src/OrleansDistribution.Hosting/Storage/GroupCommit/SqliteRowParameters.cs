using Microsoft.Data.Sqlite;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>The per-row parameters of a prepared SQLite write, looked up once per batch instead of once per row.</summary>
internal readonly record struct SqliteRowParameters(
    SqliteParameter StateName,
    SqliteParameter GrainKey,
    SqliteParameter Payload,
    SqliteParameter WakeAt,
    SqliteParameter ExpiresAt,
    SqliteParameter Now)
{
    /// <summary>The parameters of <paramref name="command"/>, which must declare all six.</summary>
    public static SqliteRowParameters Of(SqliteCommand command) => new(
        command.Parameters["@state_name"],
        command.Parameters["@grain_key"],
        command.Parameters["@payload"],
        command.Parameters["@wake_at"],
        command.Parameters["@expires_at"],
        command.Parameters["@now"]);
}
