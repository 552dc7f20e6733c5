using System.Globalization;
using Throughput.Api;
using Throughput.Checks;
using Throughput.Launch;
using Throughput.Load;
using Throughput.Metrics;
using Throughput.Options;
using Throughput.Postgres;
using Throughput.Probes;
using Throughput.Report;
using Throughput.Setup;

namespace Throughput;

/// <summary>
/// One benchmark run, in order: API ready → baseline (pgbench or /health/live) → fixture → counters before →
/// warmup → measured windows (or long-run chunks) → open loop → drain check → counters after → stock check.
/// </summary>
internal sealed class BenchmarkRun(BenchmarkOptions options, TextWriter output)
{
    private const int ChunkSeconds = 10;

    private readonly BenchmarkOptions _o = options;
    private readonly TextWriter _out = output;

    /// <summary>Runs everything and returns the report (also when interrupted after setup).</summary>
    public async Task<BenchmarkReport> RunAsync(CancellationToken interrupt)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var runId = startedAt.ToString("MMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4];
        var mode = _o.EffectiveMode;
        _out.WriteLine($"Throughput run {runId}: mode {mode}, scenario {_o.Scenario}, {Environment.ProcessorCount} logical processors");

        await using var target = await ApiTarget.OpenAsync(_o, runId, _out, interrupt);
        var api = target.Api;

        var (pgBench, health) = await MeasureBaselineAsync(target, mode, interrupt);

        var fixture = await FixtureBuilder.CreateAsync(api, _o, runId, interrupt);
        _out.WriteLine($"setup: partner {fixture.PartnerId}, {fixture.Skus.Count} SKU(s) with onHand {Format.Count(fixture.StockPerSku)}, price list loaded");

        var scriptPath = Path.Combine(Path.GetTempPath(), $"throughput-{runId}.lua");
        var samplePerThread = (_o.DrainSample + _o.Threads - 1) / _o.Threads;
        await File.WriteAllTextAsync(scriptPath,
            WrkScript.Create(fixture, OrdersPath(target.BaseUri), _o.Quantity, _o.Customers, samplePerThread), CancellationToken.None);
        try
        {
            return await MeasureAsync(target, fixture, scriptPath, runId, startedAt, pgBench, health, interrupt);
        }
        finally
        {
            File.Delete(scriptPath);
        }
    }

    private async Task<BenchmarkReport> MeasureAsync(
        ApiTarget target, Fixture fixture, string scriptPath, string runId, DateTimeOffset startedAt,
        PgBenchResult? pgBench, double? health, CancellationToken interrupt)
    {
        var api = target.Api;
        var probe = target.Pid is { } pid ? new ProcessProbe(pid) : null;
        await using var rss = probe is null ? null : new RssSampler(probe);
        var pg = _o.PostgresConnectionString is { } connectionString ? new PgActivityReader(connectionString) : null;
        var countersBefore = await ReadCountersAsync(api, interrupt);
        var pgBefore = pg is null ? null : await pg.ReadAsync(interrupt);
        if (countersBefore == ServerCounters.Unavailable)
        {
            _out.WriteLine("metrics: this API has no /metrics (or it refused the operator key): storage and runtime counters are n/a");
        }

        var wrk = new WrkRunner(_o.Threads, _o.Connections, _o.TimeoutSeconds);
        var script = new WrkOrderScript(scriptPath, new Uri(target.BaseUri, "v1/orders"), fixture);
        var settler = new Settler(api, fixture.PartnerKey);
        var phases = new LoadPhases(wrk, script, settler, probe, rss);

        WindowResult? warmup = null;
        if (_o.WarmupSeconds > 0)
        {
            _out.WriteLine($"load: warmup {_o.WarmupSeconds} s");
            warmup = await phases.RunWrkAsync("w", "warmup", _o.WarmupSeconds);
        }

        var windows = _o.TargetOrders is { } orders
            ? await RunLongAsync(phases, orders, rss, interrupt)
            : await RunWindowsAsync(phases, interrupt);

        OpenLoopResult? openLoop = null;
        if (_o.HasOpenLoop && !interrupt.IsCancellationRequested)
        {
            openLoop = await RunOpenLoopAsync(target, fixture, phases, windows, interrupt);
        }

        var sinceLoadEnd = phases.SinceLoadEnd;
        if (!sinceLoadEnd.IsRunning)
        {
            sinceLoadEnd.Start();
        }

        DrainResult? drain = null;
        StockResult? stock = null;
        var sample = phases.DrainSample(_o.DrainSample);
        var settling = phases.SettlePendingAsync();
        if (!interrupt.IsCancellationRequested)
        {
            _out.WriteLine($"drain: following {sample.Count} sampled accepted orders to ReleasedToWarehouse (at most {_o.DrainTimeoutSeconds} s)");
            drain = await DrainCheck.RunAsync(api, fixture.PartnerKey, sample, TimeSpan.FromSeconds(_o.DrainTimeoutSeconds), sinceLoadEnd, interrupt);
        }

        await settling;
        if (!interrupt.IsCancellationRequested)
        {
            var unknown = settler.Unsettled + (int)phases.Totals.Unreadable;
            stock = await StockCheck.RunAsync(api, fixture, phases.Totals, unknown, interrupt);
        }

        if (pg is not null && sinceLoadEnd.Elapsed < PgActivityReader.FlushDelay && !interrupt.IsCancellationRequested)
        {
            var wait = PgActivityReader.FlushDelay - sinceLoadEnd.Elapsed;
            _out.WriteLine($"postgres: waiting {wait.TotalSeconds:0} s for the server to publish every backend's statistics");
            await Task.Delay(wait, CancellationToken.None);
        }

        if (phases.Totals.Failures > 0)
        {
            target.KeepLog();
        }

        var counters = (await ReadCountersAsync(api, CancellationToken.None)).Since(countersBefore);
        var pgDelta = pg is null || pgBefore is null ? null : (await pg.ReadAsync(CancellationToken.None)).Since(pgBefore);
        return new BenchmarkReport
        {
            RunId = runId,
            StartedAt = startedAt,
            Label = _o.Label ?? _o.EffectiveMode.ToString(),
            Mode = _o.EffectiveMode.ToString(),
            Workload = _o.Scenario == LoadScenario.Hot ? "1 hot SKU" : $"{fixture.Skus.Count} SKUs",
            LoadShape = LoadShape(),
            Url = target.BaseUri.ToString(),
            ApiPid = target.Pid,
            PgBench = pgBench,
            HealthPerSecond = health,
            Warmup = warmup,
            Windows = windows,
            LongRun = _o.TargetOrders is not null,
            OpenLoop = openLoop,
            Totals = phases.Totals,
            Settled = phases.Settled,
            Unsettled = settler.Unsettled,
            UnsettledExamples = settler.UnsettledExamples,
            Rss = rss is null ? null : new RssSummary(rss.StartBytes, rss.PeakBytes, rss.SampleNow()),
            Counters = counters,
            Postgres = pgDelta,
            Drain = drain,
            Stock = stock,
            Interrupted = interrupt.IsCancellationRequested,
        };
    }

    private async Task<(PgBenchResult? PgBench, double? Health)> MeasureBaselineAsync(ApiTarget target, StorageMode mode, CancellationToken interrupt)
    {
        if (_o.PostgresConnectionString is { } connectionString && mode is StorageMode.Postgres or StorageMode.Unknown)
        {
            if (_o.PgBenchSeconds == 0)
            {
                return (null, null);
            }

            _out.WriteLine($"baseline: pgbench -N -c 8 -j 2 -T {_o.PgBenchSeconds} on database {_o.PgBenchDatabase} (same server, before the load)");
            var pgBench = await PgBenchRunner.RunAsync(connectionString, _o.PgBenchDatabase, _o.PgBenchSeconds, _out, interrupt);
            _out.WriteLine($"baseline: {Format.Number(pgBench.Tps)} tps");
            return (pgBench, null);
        }

        if (_o.BaselineHealthSeconds == 0)
        {
            return (null, null);
        }

        _out.WriteLine($"baseline: wrk -t{_o.Threads} -c{_o.Connections} on /health/live for {_o.BaselineHealthSeconds} s");
        var wrk = new WrkRunner(_o.Threads, _o.Connections, _o.TimeoutSeconds);
        var result = await wrk.RunPlainAsync(new Uri(target.BaseUri, "health/live"), _o.BaselineHealthSeconds);
        var perSecond = result.RequestsPerSecond ?? (result.DurationSeconds > 0 ? result.Requests / result.DurationSeconds : null);
        _out.WriteLine($"baseline: {Format.Number(perSecond)} req/s");
        return (null, perSecond);
    }

    private async Task<List<WindowResult>> RunWindowsAsync(LoadPhases phases, CancellationToken interrupt)
    {
        var windows = new List<WindowResult>();
        for (var i = 1; i <= _o.Windows && !interrupt.IsCancellationRequested; i++)
        {
            _out.WriteLine($"load: window {i} of {_o.Windows}, {_o.DurationSeconds} s, wrk -t{_o.Threads} -c{_o.Connections}");
            var window = await phases.RunWrkAsync($"m{i}", $"window {i}", _o.DurationSeconds);
            _out.WriteLine($"load: window {i}: {Format.Number(window.AcceptedPerSecond)} accepted orders/s, p99 {Format.Ms(window.Latency.P99)}");
            windows.Add(window);
        }

        return windows;
    }

    private async Task<List<WindowResult>> RunLongAsync(LoadPhases phases, long orders, RssSampler? rss, CancellationToken interrupt)
    {
        _out.WriteLine($"load: long run until {Format.Count(orders)} accepted orders, {ChunkSeconds} s chunks");
        var chunks = new List<WindowResult>();
        var elapsed = 0.0;
        while (chunks.Sum(c => c.Accepted) < orders && !interrupt.IsCancellationRequested)
        {
            var chunk = await phases.RunWrkAsync($"c{chunks.Count + 1}", $"chunk {chunks.Count + 1}", ChunkSeconds);
            chunks.Add(chunk);
            elapsed += chunk.Seconds;
            var accepted = chunks.Sum(c => c.Accepted);
            if (accepted == 0 && chunks.Count >= 3)
            {
                throw new SetupException("three chunks without an accepted order: the long run would never end (out of stock? API failing?)");
            }

            _out.WriteLine($"[{elapsed,6:0} s] {Format.Count(accepted)} accepted ({Format.Number(chunk.AcceptedPerSecond)}/s in this chunk), "
                + $"RSS {Format.Bytes(rss?.LatestBytes)} (peak {Format.Bytes(rss?.PeakBytes)})");
        }

        return chunks;
    }

    private async Task<OpenLoopResult> RunOpenLoopAsync(ApiTarget target, Fixture fixture, LoadPhases phases, List<WindowResult> windows, CancellationToken interrupt)
    {
        double rate;
        if (_o.Rate is { } fixedRate)
        {
            rate = fixedRate;
        }
        else
        {
            // The maximum is what the closed loop got the server to take: every 201 (OnHold orders too, once stock ran out).
            var seconds = windows.Sum(w => w.Seconds);
            var measured = seconds > 0 ? windows.Sum(w => w.Accepted + w.OnHold) / seconds : 0;
            rate = Math.Max(1, measured * _o.RateOfMax!.Value);
        }

        var duration = _o.OpenLoopSeconds ?? _o.DurationSeconds;
        _out.WriteLine($"load: open loop at {Format.Number(rate)} orders/s for {duration} s");
        using var http = HttpClients.Create(target.BaseUri, _o.OpenLoopConnections, TimeSpan.FromSeconds(_o.TimeoutSeconds));
        var openApi = new ApiClient(http, target.AdminKey);
        var generator = new OrderGenerator(fixture, "o", _o.Quantity, _o.Customers);
        var runner = new OpenLoopRunner(openApi, fixture.PartnerKey, generator, _o.DrainSample);
        var result = await phases.RunOpenLoopAsync(runner, rate, duration, interrupt);
        _out.WriteLine($"load: open loop p99 {Format.Ms(result.Latency.P99)}");
        return result;
    }

    private static async Task<ServerCounters> ReadCountersAsync(ApiClient api, CancellationToken cancellationToken)
    {
        var text = await api.GetMetricsTextAsync(cancellationToken);
        return ServerCounters.From(text is null ? null : PrometheusText.Parse(text));
    }

    private static string OrdersPath(Uri baseUri) => baseUri.AbsolutePath.TrimEnd('/') + "/v1/orders";

    private string LoadShape()
    {
        var windows = _o.TargetOrders is { } orders
            ? $"{ChunkSeconds} s chunks until {Format.Count(orders)} accepted"
            : $"{_o.Windows} × {_o.DurationSeconds} s";
        return $"wrk -t{_o.Threads} -c{_o.Connections}, {windows} after {_o.WarmupSeconds} s warmup";
    }
}
