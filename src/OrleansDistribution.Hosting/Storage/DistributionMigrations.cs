using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OrleansDistribution.Hosting.Configuration;

namespace OrleansDistribution.Hosting.Storage;

/// <summary>Chooses the migration runner for the configured storage mode.</summary>
public static class DistributionMigrations
{
    /// <summary>The runner for this configuration, or null in Memory mode (nothing to migrate).</summary>
    public static SqlMigrationRunner? RunnerFor(IConfiguration configuration, ILoggerFactory? loggers = null)
    {
        var options = DistributionOptions.From(configuration);
        return options.Storage switch
        {
            StorageMode.Embedded => new SqlMigrationRunner(SqlMigrationProvider.Sqlite,
                new SqliteStorageLocation(options.DataDirectory).ConnectionString, loggers?.CreateLogger<SqlMigrationRunner>()),
            StorageMode.Postgres => new SqlMigrationRunner(SqlMigrationProvider.Postgres,
                DistributionOptions.PostgresConnectionString(configuration), loggers?.CreateLogger<SqlMigrationRunner>()),
            _ => null,
        };
    }
}
