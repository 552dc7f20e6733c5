using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace OrleansDistribution.Hosting.Storage;

/// <summary>
/// Runs before any storage provider starts: in Embedded mode it applies the migrations (a local file
/// needs no separate step); in Postgres mode it refuses to start a silo against an unmigrated
/// database, naming the command to run instead of failing later with a missing-table error.
/// </summary>
public sealed partial class DatabaseSchemaGate(SqlMigrationRunner runner, bool applyMigrations, ILogger<DatabaseSchemaGate> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The command that migrates a database.</summary>
    public const string MigrateCommand = "dotnet run --project src/OrleansDistribution.Silo -- migrate";

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseSchemaGate), ServiceLifecycleStage.First + 1, OnStartAsync);

    private async Task OnStartAsync(CancellationToken cancellationToken)
    {
        if (applyMigrations)
        {
            var applied = await runner.ApplyAsync(cancellationToken);
            LogApplied(logger, applied.Count, string.Join(", ", applied));
            return;
        }

        var pending = await runner.PendingAsync(cancellationToken);
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database is missing migrations {string.Join(", ", pending)}. Run `{MigrateCommand}` (same configuration) first.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded database ready ({Count} migrations applied now: {Applied})")]
    private static partial void LogApplied(ILogger logger, int count, string applied);
}
