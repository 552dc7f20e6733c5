using OrleansDistribution.Hosting.Storage;

namespace OrleansDistribution.Silo;

/// <summary><c>migrate</c>: applies the SQL migrations for the configured storage mode and exits.</summary>
public static class MigrateCommand
{
    /// <summary>Runs the command; 0 on success (including "already up to date").</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var runner = DistributionMigrations.RunnerFor(configuration, loggers);
        if (runner is null)
        {
            Console.WriteLine("Storage mode Memory has no database: nothing to migrate.");
            return 0;
        }

        var applied = await runner.ApplyAsync(cancellationToken);
        Console.WriteLine(applied.Count == 0
            ? "Database is up to date: no migration applied."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
        return 0;
    }
}
