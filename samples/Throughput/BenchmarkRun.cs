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
using Throughput.Webhooks;

namespace Throughput;

/// <summary>
/// One benchmark run, in order: API ready → baseline (pgbench or /health/live) → fixture → counters before →
/// warmup and measured windows (or long-run chunks) with the light wrk script → settle and read the stock →
/// open loop → verified phase with the counting wrk script → drain check, settle and read the stock again →
/// counters after → stock check.
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
        await using var webhook = _o.Webhook ? WebhookReceiver.Start() : null;
        if (webhook is not null)
        {
            await api.RegisterWebhookAsync(fixture.PartnerKey, webhook.Url, interrupt);
            _out.WriteLine($"setup: webhook of {fixture.PartnerId} to {webhook.Url} (a receiver in this process answering 204)");
        }

        var samplePerThread = (_o.DrainSample + _o.Threads - 1) / _o.Threads;
        var ordersUri = new Uri(target.BaseUri, "v1/orders");
        var light = new WrkOrderScript(Path.Combine(Path.GetTempPath(), $"throughput-{runId}-light.lua"), ordersUri, fixture, Counting: false);
        var counting = new WrkOrderScript(Path.Combine(Path.GetTempPath(), $"throughput-{runId}-counting.lua"), ordersUri, fixture, Counting: true);
        foreach (var script in new[] { light, counting })
        {
            await File.WriteAllTextAsync(script.Path,
                WrkScript.Create(fixture, OrdersPath(target.BaseUri), _o.Quantity, _o.Customers, samplePerThread, script.Counting), CancellationToken.None);
        }

        try
        {
            var report = await MeasureAsync(target, fixture, light, counting, runId, startedAt, pgBench, health, interrupt);
            if (webhook is not null)
            {
                _out.WriteLine($"webhook: {Format.Count(webhook.Deliveries)} deliveries ({Format.Count(webhook.DistinctEvents)} distinct webhook-ids) received by the end of the run");
            }

            return report;
        }
        finally
        {
            File.Delete(light.Path);
            File.Delete(counting.Path);
        }
    }

    private async Task<BenchmarkReport> MeasureAsync(
        ApiTarget target, Fixture fixture, WrkOrderScript light, WrkOrderScript counting, string runId, DateTimeOffset startedAt,
        PgBenchResult? pgBench, double? health, CancellationToken interrupt)
    {
        var api = target.Api;
        var probe = target.Pid is { } pid ? new ProcessProbe(pid) : null;
        await using var rss = probe is null ? null : new RssSampler(probe);
        var pg = _o.PostgresConnectionString is { } connectionString ? new PgActivityReader(connectionString) : null;
        var scrapeBefore = await ScrapeAsync(api, interrupt);
        var countersBefore = ServerCounters.From(scrapeBefore);
        var answersBefore = HttpServerMetrics.OrderAnswers(scrapeBefore);
        var pgBefore = pg is null ? null : await pg.ReadAsync(interrupt);
        if (countersBefore == ServerCounters.Unavailable)
        {
            _out.WriteLine("metrics: this API has no /metrics (or it refused the operator key): storage and runtime counters are n/a");
        }

        var wrk = new WrkRunner(_o.Threads, _o.Connections, _o.TimeoutSeconds);
        var settler = new Settler(api, fixture.PartnerKey);
        var phases = new LoadPhases(wrk, settler, probe, rss);

        // The measured phases run the light script (no response(): wrk's own summary only), so that the load
        // generator's per-response Lua work does not take the API's CPU on a shared machine.
        WindowResult? warmup = null;
        if (_o.WarmupSeconds > 0)
        {
            _out.WriteLine($"load: warmup {_o.WarmupSeconds} s (light script)");
            warmup = await phases.RunWrkAsync(light, "w", "warmup", _o.WarmupSeconds);
        }

        var windows = _o.TargetOrders is { } orders
            ? await RunLongAsync(phases, light, orders, rss, interrupt)
            : await RunWindowsAsync(phases, light, interrupt);

        // The light phases' last orders are still being decided when wrk exits: let them land, so that they
        // are in the reading the counting phases' reservations are measured from.
        StockReading? lightEnd = null;
        if (!interrupt.IsCancellationRequested)
        {
            lightEnd = await TakeStockAsync(api, fixture, [warmup, .. windows], "the light phases' in-flight orders", interrupt);
        }

        var lightAnswers = HttpServerMetrics.Since(lightEnd?.OrderAnswers, answersBefore);

        OpenLoopResult? openLoop = null;
        if (_o.HasOpenLoop && !interrupt.IsCancellationRequested)
        {
            openLoop = await RunOpenLoopAsync(target, fixture, phases, windows, interrupt);
        }

        WindowResult? verified = null;
        if (_o.VerifySeconds > 0 && !interrupt.IsCancellationRequested)
        {
            _out.WriteLine($"load: verified phase {_o.VerifySeconds} s (counting script: every response read, not a measurement of the maximum)");
            verified = await phases.RunWrkAsync(counting, "v", "verified", _o.VerifySeconds);
            _out.WriteLine($"load: verified phase: {Format.Count(verified.Created)} created ({Format.Count(verified.Accepted ?? 0)} Accepted, "
                + $"{Format.Count(verified.OnHold ?? 0)} OnHold), {Format.Count(verified.NotCreated)} non-201, {verified.Unanswered} unanswered at stop");
        }

        var countingRan = openLoop is not null || verified is not null;
        var sinceLoadEnd = phases.SinceLoadEnd;
        if (!sinceLoadEnd.IsRunning)
        {
            sinceLoadEnd.Start();
        }

        DrainResult? drain = null;
        StockResult? stock = null;
        var sample = phases.DrainSample(_o.DrainSample);
        var settling = phases.SettlePendingAsync();
        if (!interrupt.IsCancellationRequested && sample.Count > 0)
        {
            _out.WriteLine($"drain: following {sample.Count} sampled accepted orders to ReleasedToWarehouse (at most {_o.DrainTimeoutSeconds} s)");
            drain = await DrainCheck.RunAsync(api, fixture.PartnerKey, sample, TimeSpan.FromSeconds(_o.DrainTimeoutSeconds), sinceLoadEnd, interrupt);
        }
        else if (!interrupt.IsCancellationRequested)
        {
            _out.WriteLine(countingRan
                ? "drain: no accepted order to follow"
                : "drain: skipped (no verified phase: the light windows read no order ids)");
        }

        await settling;
        if (!interrupt.IsCancellationRequested && lightEnd is not null)
        {
            var end = countingRan ? await TakeStockAsync(api, fixture, [verified], "the counting phases' orders", interrupt) : lightEnd;
            var unknown = settler.Unsettled + (int)phases.Totals.Unreadable;
            stock = end is null ? null : StockCheck.Of(fixture, countingRan ? lightEnd : null, end, phases.Totals, unknown);
        }

        if (pg is not null && sinceLoadEnd.Elapsed < PgActivityReader.FlushDelay && !interrupt.IsCancellationRequested)
        {
            var wait = PgActivityReader.FlushDelay - sinceLoadEnd.Elapsed;
            _out.WriteLine($"postgres: waiting {wait.TotalSeconds:0} s for the server to publish every backend's statistics");
            await Task.Delay(wait, CancellationToken.None);
        }

        var counters = ServerCounters.From(await ScrapeAsync(api, CancellationToken.None)).Since(countersBefore);
        var pgDelta = pg is null || pgBefore is null ? null : (await pg.ReadAsync(CancellationToken.None)).Since(pgBefore);
        var report = new BenchmarkReport
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
            LightServerAnswers = lightAnswers,
            LightSettleSeconds = lightEnd?.WaitedSeconds,
            OpenLoop = openLoop,
            Verified = verified,
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
        if (report.Totals.Failures > 0 || report.LightFailures > 0)
        {
            target.KeepLog();
        }

        return report;
    }

    /// <summary>Waits for the API to settle after load phases and reads every SKU; says how long that took. Null after Ctrl+C.</summary>
    private async Task<StockReading?> TakeStockAsync(ApiClient api, Fixture fixture, WindowResult?[] phases, string what, CancellationToken interrupt)
    {
        // Without the API's own count of requests in progress, two equal readings must be further apart than
        // the slowest answer the phases saw.
        var slowestMs = phases.Max(p => p?.Latency.Max) ?? 0;
        var blindGap = TimeSpan.FromMilliseconds(Math.Clamp(2 * slowestMs, 1000, _o.TimeoutSeconds * 1000.0));
        StockReading reading;
        try
        {
            reading = await StockReading.TakeAsync(api, fixture, blindGap, TimeSpan.FromSeconds(_o.TimeoutSeconds + 5), interrupt);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return null;
        }

        var how = reading.NoPostInProgress switch
        {
            true => "no POST in progress on the server, stock unchanged over 0.5 s",
            false => "the server still had POSTs in progress",
            null => $"stock unchanged over {blindGap.TotalSeconds:0.#} s (this API does not export http_server_active_requests)",
        };
        _out.WriteLine($"settle: {what}: {(reading.Settled ? "settled" : "NOT settled")} after {reading.WaitedSeconds:0.0} s ({how})");
        return reading;
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

    private async Task<List<WindowResult>> RunWindowsAsync(LoadPhases phases, WrkOrderScript light, CancellationToken interrupt)
    {
        var windows = new List<WindowResult>();
        for (var i = 1; i <= _o.Windows && !interrupt.IsCancellationRequested; i++)
        {
            _out.WriteLine($"load: window {i} of {_o.Windows}, {_o.DurationSeconds} s, wrk -t{_o.Threads} -c{_o.Connections} (light script)");
            var window = await phases.RunWrkAsync(light, $"m{i}", $"window {i}", _o.DurationSeconds);
            _out.WriteLine($"load: window {i}: {Format.Number(window.CreatedPerSecond)} orders/s (201), {Format.Count(window.NotCreated)} non-2xx, "
                + $"{Format.Count(window.SocketErrors)} socket errors, p99 {Format.Ms(window.Latency.P99)}");
            windows.Add(window);
        }

        return windows;
    }

    private async Task<List<WindowResult>> RunLongAsync(LoadPhases phases, WrkOrderScript light, long orders, RssSampler? rss, CancellationToken interrupt)
    {
        _out.WriteLine($"load: long run until {Format.Count(orders)} orders created (201), {ChunkSeconds} s chunks (light script)");
        var chunks = new List<WindowResult>();
        var elapsed = 0.0;
        while (chunks.Sum(c => c.Created) < orders && !interrupt.IsCancellationRequested)
        {
            var chunk = await phases.RunWrkAsync(light, $"c{chunks.Count + 1}", $"chunk {chunks.Count + 1}", ChunkSeconds);
            chunks.Add(chunk);
            elapsed += chunk.Seconds;
            var created = chunks.Sum(c => c.Created);
            if (created == 0 && chunks.Count >= 3)
            {
                throw new SetupException("three chunks without a created order: the long run would never end (API failing?)");
            }

            _out.WriteLine($"[{elapsed,6:0} s] {Format.Count(created)} created ({Format.Number(chunk.CreatedPerSecond)}/s in this chunk, "
                + $"{Format.Count(chunk.NotCreated)} non-2xx), RSS {Format.Bytes(rss?.LatestBytes)} (peak {Format.Bytes(rss?.PeakBytes)})");
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
            // The maximum is what the light windows got the server to take: every 201 (OnHold orders too, once stock ran out).
            var seconds = windows.Sum(w => w.Seconds);
            var measured = seconds > 0 ? windows.Sum(w => w.Created) / seconds : 0;
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

    private static async Task<PrometheusText?> ScrapeAsync(ApiClient api, CancellationToken cancellationToken)
    {
        var text = await api.GetMetricsTextAsync(cancellationToken);
        return text is null ? null : PrometheusText.Parse(text);
    }

    private static string OrdersPath(Uri baseUri) => baseUri.AbsolutePath.TrimEnd('/') + "/v1/orders";

    private string LoadShape()
    {
        var windows = _o.TargetOrders is { } orders
            ? $"{ChunkSeconds} s chunks until {Format.Count(orders)} created"
            : $"{_o.Windows} × {_o.DurationSeconds} s";
        var verified = _o.VerifySeconds > 0 ? $", then {_o.VerifySeconds} s verified (counting script)" : ", no verified phase";
        return $"wrk -t{_o.Threads} -c{_o.Connections}, {windows} light after {_o.WarmupSeconds} s warmup{verified}";
    }
}
