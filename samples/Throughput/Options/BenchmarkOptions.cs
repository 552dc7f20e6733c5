namespace Throughput.Options;

/// <summary>Everything the command line says; defaults are the reference workload.</summary>
internal sealed record BenchmarkOptions
{
    /// <summary>Where the operator key is read from when <c>--admin-key</c> is not given.</summary>
    public const string AdminKeyEnvironmentVariable = "Distribution__AdminApiKey";

    /// <summary>Largest on-hand the API accepts for a SKU.</summary>
    public const int MaxStock = 1_000_000_000;

    /// <summary><c>--help</c> was asked for.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>API base URL (ends with '/').</summary>
    public Uri BaseUri { get; init; } = new("http://127.0.0.1:5080/");

    /// <summary>The operator key.</summary>
    public string? AdminKey { get; init; }

    /// <summary>Permit a non-loopback target.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>Register a webhook for the run's partner, received by this process (<c>--webhook</c>).</summary>
    public bool Webhook { get; init; }

    /// <summary>Seconds to wait for <c>/health/ready</c>.</summary>
    public double WaitReadySeconds { get; init; } = 60;

    /// <summary>Failover mode (<c>--failover</c>): API + two worker silos, one killed with SIGKILL under load.</summary>
    public bool Failover { get; init; }

    /// <summary>Clients submitting orders back to back in failover mode.</summary>
    public int FailoverClients { get; init; } = 16;

    /// <summary>Second of the failover load at which a worker is killed.</summary>
    public int FailoverKillAtSeconds { get; init; } = 15;

    /// <summary>Length of the failover load.</summary>
    public int FailoverSeconds { get; init; } = 45;

    /// <summary>Membership probe timeout every silo of the failover cluster gets (null: the production default).</summary>
    public double? FailoverProbeTimeoutSeconds { get; init; }

    /// <summary>Turn off the refused-connection check, so only Orleans' probes declare the killed silo dead.</summary>
    public bool FailoverProbesOnly { get; init; }

    /// <summary>Start the API from the Release build in this mode (null: use a running API).</summary>
    public StorageMode? Launch { get; init; }

    /// <summary>The running API's storage mode, for baseline and targets (<c>--mode</c>, or implied).</summary>
    public StorageMode Mode { get; init; } = StorageMode.Unknown;

    /// <summary>Repository root holding the Release build (discovered when null).</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Process id of the API (found from the listening port when null).</summary>
    public int? ApiPid { get; init; }

    /// <summary>Npgsql connection string of the API's database (PostgreSQL mode).</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Database pgbench runs in, on the same server.</summary>
    public string PgBenchDatabase { get; init; } = "pgbench";

    /// <summary>Seconds of <c>pgbench -N</c> (0 skips it).</summary>
    public int PgBenchSeconds { get; init; } = 10;

    /// <summary>Seconds of wrk on <c>/health/live</c> outside PostgreSQL mode (0 skips it).</summary>
    public int BaselineHealthSeconds { get; init; } = 10;

    /// <summary>Which SKUs orders go to.</summary>
    public LoadScenario Scenario { get; init; } = LoadScenario.Spread;

    /// <summary>SKUs stocked and priced in the spread scenario.</summary>
    public int Skus { get; init; } = 20;

    /// <summary>On-hand of each SKU; below the default the SKU can run out (oversell check).</summary>
    public int Stock { get; init; } = MaxStock;

    /// <summary>Quantity of the one line of each order.</summary>
    public int Quantity { get; init; } = 1;

    /// <summary>Customers C-1..C-n the orders pick from.</summary>
    public int Customers { get; init; } = 100;

    /// <summary>wrk threads.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>wrk connections (the closed loop's concurrency).</summary>
    public int Connections { get; init; } = 64;

    /// <summary>Seconds of one measured window.</summary>
    public int DurationSeconds { get; init; } = 30;

    /// <summary>Seconds of load before the first window, excluded from the figures.</summary>
    public int WarmupSeconds { get; init; } = 5;

    /// <summary>Back-to-back measured windows.</summary>
    public int Windows { get; init; } = 1;

    /// <summary>Long run: keep loading in 10 s chunks until this many orders were created, 201 (replaces windows).</summary>
    public long? TargetOrders { get; init; }

    /// <summary>
    /// Seconds of the verified phase after the measured ones: wrk with the counting script, whose answers feed
    /// the status breakdown, the stock checks, the settling resends and the drain sample (0 skips it).
    /// </summary>
    public int VerifySeconds { get; init; } = 10;

    /// <summary>Per-request timeout, seconds (wrk and the open loop).</summary>
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>Open loop at this many orders per second.</summary>
    public double? Rate { get; init; }

    /// <summary>Open loop at this fraction of the light windows' orders/s (201s).</summary>
    public double? RateOfMax { get; init; }

    /// <summary>Seconds of the open loop (defaults to the window duration).</summary>
    public int? OpenLoopSeconds { get; init; }

    /// <summary>Most connections the open loop opens.</summary>
    public int OpenLoopConnections { get; init; } = 256;

    /// <summary>Accepted order ids kept (over all wrk threads) for the drain check.</summary>
    public int DrainSample { get; init; } = 500;

    /// <summary>Seconds the drain check waits for the sample to reach ReleasedToWarehouse.</summary>
    public int DrainTimeoutSeconds { get; init; } = 60;

    /// <summary>First column of the markdown row (e.g. a commit).</summary>
    public string? Label { get; init; }

    /// <summary>Write the whole report as JSON here.</summary>
    public string? JsonPath { get; init; }

    /// <summary>True when the run opens a fixed-rate phase.</summary>
    public bool HasOpenLoop => Rate is not null || RateOfMax is not null;

    /// <summary>The mode the figures are judged by.</summary>
    public StorageMode EffectiveMode => Launch ?? Mode;
}
