namespace Throughput.Metrics;

/// <summary>
/// The counters the benchmark reads from the API's /metrics: storage work (the storage layer's counters on
/// meter OrleansDistribution) and runtime work (meter System.Runtime). Null = not exported by this build.
/// </summary>
internal sealed record ServerCounters(
    double? RowsWritten,
    double? RowsRead,
    double? Transactions,
    double? WriteTransactions,
    double? ReadTransactions,
    double? DeleteTransactions,
    double? Gen0Collections,
    double? Gen1Collections,
    double? Gen2Collections,
    double? GcPauseSeconds,
    double? Exceptions,
    double? LockContentions)
{
    /// <summary>No /metrics endpoint (or it refused the operator key).</summary>
    public static ServerCounters Unavailable { get; } = new(null, null, null, null, null, null, null, null, null, null, null, null);

    /// <summary>Reads the counters out of a scrape.</summary>
    public static ServerCounters From(PrometheusText? scrape)
    {
        if (scrape is null)
        {
            return Unavailable;
        }

        const string Generation = "gc_heap_generation";
        return new ServerCounters(
            scrape.Counter("distribution_storage_rows_written"),
            scrape.Counter("distribution_storage_rows_read"),
            scrape.Counter("distribution_storage_transactions"),
            scrape.Counter("distribution_storage_transactions", "operation", "write"),
            scrape.Counter("distribution_storage_transactions", "operation", "read"),
            scrape.Counter("distribution_storage_transactions", "operation", "delete"),
            scrape.Counter("dotnet_gc_collections", Generation, "gen0"),
            scrape.Counter("dotnet_gc_collections", Generation, "gen1"),
            scrape.Counter("dotnet_gc_collections", Generation, "gen2"),
            scrape.Counter("dotnet_gc_pause_time"),
            scrape.Counter("dotnet_exceptions") ?? 0,
            scrape.Counter("dotnet_monitor_lock_contentions"));
    }

    /// <summary>
    /// What happened between two scrapes. A counter that exists only in the later one started at zero
    /// (instruments appear on first use); one missing from the later one is not exported: null.
    /// </summary>
    public ServerCounters Since(ServerCounters before) => new(
        Delta(RowsWritten, before.RowsWritten),
        Delta(RowsRead, before.RowsRead),
        Delta(Transactions, before.Transactions),
        Delta(WriteTransactions, before.WriteTransactions),
        Delta(ReadTransactions, before.ReadTransactions),
        Delta(DeleteTransactions, before.DeleteTransactions),
        Delta(Gen0Collections, before.Gen0Collections),
        Delta(Gen1Collections, before.Gen1Collections),
        Delta(Gen2Collections, before.Gen2Collections),
        Delta(GcPauseSeconds, before.GcPauseSeconds),
        Delta(Exceptions, before.Exceptions),
        Delta(LockContentions, before.LockContentions));

    private static double? Delta(double? after, double? before) => after is null ? null : after - (before ?? 0);
}
