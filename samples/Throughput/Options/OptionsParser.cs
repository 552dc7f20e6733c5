using System.Globalization;

namespace Throughput.Options;

/// <summary>Turns the command line (and the operator-key environment variable) into <see cref="BenchmarkOptions"/>.</summary>
internal static class OptionsParser
{
    /// <summary>The --help text; samples/Throughput/README.md explains each option at more length.</summary>
    public const string Usage = """
        Throughput - durable order acceptance through the running API silo (issue 7's benchmark).

        Usage:
          dotnet run -c Release --project samples/Throughput -- [options]

        Target:
          --url <url>               API base URL                              (default http://127.0.0.1:5080)
          --admin-key <key>         operator key; else env Distribution__AdminApiKey
          --launch <mode>           start the Release build: Embedded | Postgres | Memory, stop it after
          --mode <mode>             storage mode of an API started by you (baseline and targets)
          --repo <path>             repository root for --launch               (default: found upwards)
          --api-pid <pid>           API process for CPU/RSS                    (default: owner of the port)
          --pg <connstr>            Npgsql connection string of the API's database (PostgreSQL mode)
          --allow-remote            permit a non-loopback host
          --wait-ready <s>          wait for /health/ready                     (default 60)

        Workload:
          --scenario spread|hot     one line on a random SKU of N, or every order on one SKU (default spread)
          --skus <n>                SKUs in the spread scenario                (default 20)
          --stock <n>               onHand per SKU, up to 1000000000 (lower: runs out, oversell check)
          --quantity <n>            quantity of each order's line              (default 1)
          --customers <n>           customers C-1..C-n                         (default 100)
          --webhook                 register a webhook for the run's partner, delivered to a receiver in
                                    this process (acceptance must not slow down: delivery is asynchronous)

        Closed loop (wrk; warmup, windows and chunks run a request-only script, figures from wrk's summary):
          --threads <n>             wrk threads                                (default 2)
          --connections <n>         wrk connections                            (default 64)
          --duration <s>            one measured window                        (default 30)
          --warmup <s>              load before measuring, excluded            (default 5)
          --windows <n>             back-to-back measured windows              (default 1)
          --orders <n>              long run: 10 s chunks until n orders created (201), RSS every 10 s
          --verify-duration <s>     verified phase after them: every response read, for the status
                                    breakdown, stock checks and drain sample; 0 skips  (default 10)
          --timeout <s>             per-request timeout                        (default 30)

        Open loop (fixed rate, latency from each request's scheduled send time):
          --rate <r>                orders per second
          --rate-of-max <f>         f x the orders/s (201) the windows just measured (e.g. 0.5)
          --open-duration <s>       length of the open loop                    (default --duration)
          --open-connections <n>    most connections it opens                  (default 256)

        Failover (instead of the phases above; needs --launch Postgres):
          --failover                API + two worker silos on PostgreSQL with the production membership
                                    defaults; clients submit back to back, one worker is SIGKILLed; prints
                                    orders/s per second around the kill and checks what the kill left
          --failover-clients <n>    concurrent clients                         (default 16)
          --failover-kill-at <s>    second of the load the worker dies at      (default 15)
          --failover-duration <s>   length of the load                         (default 45)
          --failover-probe-timeout <s>  Distribution:Cluster:ProbeTimeout of every silo (default: the production one)
          --failover-probes-only    Orleans' probes alone find the dead silo
                                    (Distribution:Cluster:DeclareRefusingSilosDead=false)

        Baselines and checks:
          --pgbench-db <name>       pgbench's database on the same server      (default pgbench)
          --pgbench-seconds <s>     pgbench -N -c 8 -j 2 -T s, 0 skips         (default 10)
          --baseline-health <s>     wrk on /health/live outside PostgreSQL mode, 0 skips (default 10)
          --drain-sample <n>        accepted orders followed to ReleasedToWarehouse (default 500)
          --drain-timeout <s>       how long to wait for them                  (default 60)

        Output:
          --label <text>            first column of the markdown row           (default: mode)
          --json <path>             also write the whole report as JSON
          -h, --help                this text

        Exit codes: 0 checks passed; 1 a check failed (oversold, reserved mismatch, orders not drained,
        5xx or transport errors, any non-2xx in a light phase); 2 bad options or setup failed; 130 interrupted.
        """;

    /// <summary>Parses; throws <see cref="OptionsException"/> with a readable message.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            return new BenchmarkOptions { ShowHelp = true };
        }

        var options = new BenchmarkOptions();
        var reader = new ArgumentReader(args);
        while (reader.Next() is { } name)
        {
            options = name switch
            {
                "--url" => options with { BaseUri = Url(reader.Value()) },
                "--admin-key" => options with { AdminKey = reader.Value() },
                "--launch" => options with { Launch = Mode(name, reader.Value()) },
                "--mode" => options with { Mode = Mode(name, reader.Value()) },
                "--repo" => options with { RepositoryRoot = reader.Value() },
                "--api-pid" => options with { ApiPid = Int(name, reader.Value(), 1, int.MaxValue) },
                "--pg" => options with { PostgresConnectionString = reader.Value() },
                "--allow-remote" => options with { AllowRemote = true },
                "--webhook" => options with { Webhook = true },
                "--failover" => options with { Failover = true },
                "--failover-clients" => options with { FailoverClients = Int(name, reader.Value(), 1, 1_000) },
                "--failover-kill-at" => options with { FailoverKillAtSeconds = Int(name, reader.Value(), 6, 3_600) },
                "--failover-duration" => options with { FailoverSeconds = Int(name, reader.Value(), 10, 3_600) },
                "--failover-probe-timeout" => options with { FailoverProbeTimeoutSeconds = Number(name, reader.Value(), 0.1, 60) },
                "--failover-probes-only" => options with { FailoverProbesOnly = true },
                "--wait-ready" => options with { WaitReadySeconds = Int(name, reader.Value(), 0, 3600) },
                "--scenario" => options with { Scenario = Scenario(reader.Value()) },
                "--skus" => options with { Skus = Int(name, reader.Value(), 1, 10_000) },
                "--stock" => options with { Stock = Int(name, reader.Value(), 0, BenchmarkOptions.MaxStock) },
                "--quantity" => options with { Quantity = Int(name, reader.Value(), 1, 1_000_000) },
                "--customers" => options with { Customers = Int(name, reader.Value(), 1, 1_000_000) },
                "--threads" => options with { Threads = Int(name, reader.Value(), 1, 64) },
                "--connections" => options with { Connections = Int(name, reader.Value(), 1, 10_000) },
                "--duration" => options with { DurationSeconds = Int(name, reader.Value(), 1, 86_400) },
                "--warmup" => options with { WarmupSeconds = Int(name, reader.Value(), 0, 3600) },
                "--windows" => options with { Windows = Int(name, reader.Value(), 0, 100) },
                "--orders" => options with { TargetOrders = Int(name, reader.Value(), 1, int.MaxValue) },
                "--verify-duration" => options with { VerifySeconds = Int(name, reader.Value(), 0, 86_400) },
                "--timeout" => options with { TimeoutSeconds = Int(name, reader.Value(), 1, 3600) },
                "--rate" => options with { Rate = Number(name, reader.Value(), 0.1, 1_000_000) },
                "--rate-of-max" => options with { RateOfMax = Number(name, reader.Value(), 0.01, 10) },
                "--open-duration" => options with { OpenLoopSeconds = Int(name, reader.Value(), 1, 86_400) },
                "--open-connections" => options with { OpenLoopConnections = Int(name, reader.Value(), 1, 10_000) },
                "--pgbench-db" => options with { PgBenchDatabase = reader.Value() },
                "--pgbench-seconds" => options with { PgBenchSeconds = Int(name, reader.Value(), 0, 3600) },
                "--baseline-health" => options with { BaselineHealthSeconds = Int(name, reader.Value(), 0, 3600) },
                "--drain-sample" => options with { DrainSample = Int(name, reader.Value(), 0, 100_000) },
                "--drain-timeout" => options with { DrainTimeoutSeconds = Int(name, reader.Value(), 1, 3600) },
                "--label" => options with { Label = reader.Value() },
                "--json" => options with { JsonPath = reader.Value() },
                _ => throw new OptionsException($"unknown option '{name}'"),
            };
        }

        if (string.IsNullOrWhiteSpace(options.AdminKey))
        {
            options = options with { AdminKey = environment(BenchmarkOptions.AdminKeyEnvironmentVariable) };
        }

        if (options.Mode == StorageMode.Unknown && options.Launch is null && options.PostgresConnectionString is not null)
        {
            options = options with { Mode = StorageMode.Postgres };
        }

        Validate(options);
        return options;
    }

    private static void Validate(BenchmarkOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AdminKey) && options.Launch is null)
        {
            throw new OptionsException(
                $"an operator key is required: pass --admin-key or set {BenchmarkOptions.AdminKeyEnvironmentVariable} (with --launch one is made up)");
        }

        if (options.Launch == StorageMode.Postgres && options.PostgresConnectionString is null)
        {
            throw new OptionsException("--launch Postgres needs --pg \"Host=...;Username=...;Password=...;Database=...\"");
        }

        if (options.Failover && options.Launch != StorageMode.Postgres)
        {
            throw new OptionsException("--failover starts its own cluster on PostgreSQL: add --launch Postgres --pg \"...\"");
        }

        if (options.Failover && options.FailoverKillAtSeconds + 5 > options.FailoverSeconds)
        {
            throw new OptionsException("--failover-duration must run at least 5 s past --failover-kill-at");
        }

        if (options.Rate is not null && options.RateOfMax is not null)
        {
            throw new OptionsException("give --rate or --rate-of-max, not both");
        }

        if (options.RateOfMax is not null && options.Windows == 0 && options.TargetOrders is null)
        {
            throw new OptionsException("--rate-of-max needs a closed-loop window to measure the maximum (--windows 0 given)");
        }

        if (options.Threads > options.Connections)
        {
            throw new OptionsException($"--threads ({options.Threads}) cannot exceed --connections ({options.Connections}): wrk gives each thread connections/threads");
        }

        if (!options.BaseUri.IsLoopback && !options.AllowRemote)
        {
            throw new OptionsException($"refusing to load non-loopback host '{options.BaseUri.Host}'; pass --allow-remote if that is intended");
        }

        if (options.Launch is not null && !options.BaseUri.IsLoopback)
        {
            throw new OptionsException("--launch starts the API on 127.0.0.1; drop --url or point it at a loopback address");
        }
    }

    private static Uri Url(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new OptionsException($"--url must be an absolute http URL (wrk here speaks plain HTTP), got '{value}'");
        }

        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static StorageMode Mode(string name, string value) =>
        Enum.TryParse<StorageMode>(value, ignoreCase: true, out var mode) && mode != StorageMode.Unknown
            ? mode
            : throw new OptionsException($"{name} takes Embedded, Postgres or Memory, got '{value}'");

    private static LoadScenario Scenario(string value) =>
        Enum.TryParse<LoadScenario>(value, ignoreCase: true, out var scenario) && Enum.IsDefined(scenario)
            ? scenario
            : throw new OptionsException($"--scenario takes spread or hot, got '{value}'");

    private static int Int(string name, string value, int min, int max)
    {
        var text = value.Replace("_", string.Empty, StringComparison.Ordinal);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) || result < min || result > max)
        {
            throw new OptionsException($"{name} must be an integer in {min}..{max}, got '{value}'");
        }

        return result;
    }

    private static double Number(string name, string value, double min, double max)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) || !(result >= min && result <= max))
        {
            throw new OptionsException(
                $"{name} must be a number in {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}, got '{value}'");
        }

        return result;
    }
}
