namespace OrleansDistribution.Hosting.Storage;

/// <summary>The database engines the project ships Orleans migration scripts for.</summary>
public enum SqlMigrationProvider
{
    /// <summary>PostgreSQL through Npgsql: grain state, clustering and reminders.</summary>
    Postgres,

    /// <summary>SQLite through Microsoft.Data.Sqlite: grain state only.</summary>
    Sqlite,
}
