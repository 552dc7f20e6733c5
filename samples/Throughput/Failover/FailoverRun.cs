using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Throughput.Api;
using Throughput.Launch;
using Throughput.Options;
using Throughput.Report;
using Throughput.Setup;

namespace Throughput.Failover;

/// <summary>
/// The failover mode (<c>--failover</c>): the API silo and two worker silos on PostgreSQL, all with the production
/// membership defaults; clients submit orders back to back; one worker is killed with SIGKILL mid-load. Prints the
/// per-second series around the kill and checks what the kill must not leave behind: 500s, requests hanging past
/// the recovery, accepted orders that do not reach the warehouse, stock reserved for no live order, released
/// orders without their shipping-SLA wake-up. Returns false when a check failed.
/// </summary>
internal sealed class FailoverRun(BenchmarkOptions options, TextWriter output)
{
    /// <summary>A second counts as recovered at this share of the pre-kill rate (issue 13).</summary>
    private const double RecoveredShare = 0.8;

    /// <summary>Seconds of load before the pre-kill rate is measured (JIT, caches).</summary>
    private const int SkipSeconds = 5;

    private static readonly string[] ReservingStatuses = ["Accepted", "ErpCommitted", "ReleasedToWarehouse"];

    private readonly BenchmarkOptions _o = options;
    private readonly TextWriter _out = output;

    /// <summary>Runs it; true when every check passed.</summary>
    public async Task<bool> RunAsync(CancellationToken interrupt)
    {
        var runId = DateTimeOffset.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4];
        _out.WriteLine($"Failover run {runId}: API + 2 worker silos on PostgreSQL, {_o.FailoverClients} clients for {_o.FailoverSeconds} s, "
                       + $"SIGKILL of a worker at {_o.FailoverKillAtSeconds} s, membership probe timeout "
                       + $"{(_o.FailoverProbeTimeoutSeconds is { } probe ? $"{probe} s" : "default")}, "
                       + $"{(_o.FailoverProbesOnly ? "probes only" : "refused connections declare a silo dead")}, {Environment.ProcessorCount} logical processors");
        var root = RepositoryLocator.Find(_o.RepositoryRoot) ?? throw new SetupException("--failover needs the repository: run inside it or pass --repo");
        await using var target = await ApiTarget.OpenAsync(_o, runId, _out, interrupt);
        var environment = target.LaunchEnvironment ?? throw new SetupException("--failover launches its own API");
        // The silos' logs are what explains a slow recovery: keep the API's next to the workers'.
        target.KeepLog();
        var clusterId = environment["Distribution__Cluster__ClusterId"];
        await using var victim = LaunchedWorker.Start(root, environment, "worker-1", _out);
        await using var survivor = LaunchedWorker.Start(root, environment, "worker-2", _out);
        await WaitForActiveSilosAsync(clusterId, 3, interrupt);
        _out.WriteLine("cluster: 3 silos active");

        var fixture = await FixtureBuilder.CreateAsync(target.Api, _o, runId, interrupt);
        _out.WriteLine($"setup: partner {fixture.PartnerId}, {fixture.Skus.Count} SKUs");

        var samples = new ConcurrentBag<FailoverSample>();
        var clock = Stopwatch.StartNew();
        using var load = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        using var http = HttpClients.Create(target.BaseUri, maxConnections: _o.FailoverClients, TimeSpan.FromSeconds(_o.TimeoutSeconds));
        var client = new ApiClient(http, target.AdminKey);
        var clients = Enumerable.Range(0, _o.FailoverClients).Select(n => Task.Run(() => SubmitLoopAsync(client, fixture, runId, n, clock, samples, load.Token))).ToList();

        await Task.Delay(TimeSpan.FromSeconds(_o.FailoverKillAtSeconds), interrupt);
        var killedAt = clock.Elapsed.TotalSeconds;
        victim.Kill();
        _out.WriteLine($"kill: worker-1 (pid {victim.Pid.ToString(CultureInfo.InvariantCulture)}) SIGKILLed at {killedAt:0.00} s ({DateTime.UtcNow:HH:mm:ss.fff} UTC, for the silo logs)");

        // Ten seconds after the kill every order accepted before it must be at the warehouse (issue 13).
        await Task.Delay(TimeSpan.FromSeconds(10), interrupt);
        var acceptedBeforeKill = samples.Where(s => s.Status == 201 && s.AnsweredAt < killedAt).Select(s => s.OrderId!).ToList();
        var notReleasedAt10 = await NotReleasedAsync(target.Api, fixture.PartnerKey, acceptedBeforeKill, interrupt);

        var rest = TimeSpan.FromSeconds(_o.FailoverSeconds) - clock.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, interrupt);
        }

        await load.CancelAsync();
        await Task.WhenAll(clients);
        var all = samples.OrderBy(s => s.SentAt).ToList();

        var ok = PrintSeries(all, killedAt);
        ok &= Check(notReleasedAt10 == 0,
            $"{acceptedBeforeKill.Count:N0} orders accepted before the kill: {notReleasedAt10:N0} not ReleasedToWarehouse 10 s after it");
        ok &= await CheckAfterLoadAsync(target.Api, fixture, all, interrupt);
        return ok;
    }

    private async Task SubmitLoopAsync(ApiClient api, Fixture fixture, string runId, int client, Stopwatch clock, ConcurrentBag<FailoverSample> samples, CancellationToken stop)
    {
        var random = new Random(client);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var order = new OrderSpec($"fo-{runId}-{client}-{n}", fixture.Skus[random.Next(fixture.Skus.Count)], fixture.Quantity, $"C-{random.Next(1, _o.Customers + 1)}");
            var sentAt = clock.Elapsed.TotalSeconds;
            // Not cancelled by the end of the load: a request in flight then is answered and counted, as a channel would wait.
            var outcome = await api.SubmitAsync(fixture.PartnerKey, order, CancellationToken.None);
            samples.Add(new FailoverSample(sentAt, clock.Elapsed.TotalSeconds, outcome.Status, outcome.OrderId));
        }
    }

    /// <summary>Prints orders/s per second and the recovery figures; false when a 500 was answered or a request hung past 2 s after recovery.</summary>
    private bool PrintSeries(IReadOnlyList<FailoverSample> all, double killedAt)
    {
        // Seconds are counted from the kill (second 0 is the first second after it), so "back within 2 s" reads off the
        // rows without a fraction of a second lost to where the kill fell in a wall-clock second.
        var killSecond = (int)Math.Floor(killedAt);
        var shift = killedAt - killSecond;
        int SecondOf(double at) => (int)Math.Floor(at - shift);
        var seconds = SecondOf(all.Max(s => s.AnsweredAt));
        _out.WriteLine();
        _out.WriteLine("second | 201/s | 5xx | no answer | slowest answer (s) | ");
        _out.WriteLine("---:|---:|---:|---:|---:|");
        var accepted = new int[seconds + 1];
        foreach (var second in Enumerable.Range(0, seconds + 1))
        {
            var answered = all.Where(s => SecondOf(s.AnsweredAt) == second).ToList();
            accepted[second] = answered.Count(s => s.Status == 201);
            var mark = second == killSecond ? "  <- kill at its start" : "";
            _out.WriteLine($"{second - killSecond,6} | {accepted[second],5} | {answered.Count(s => s.Status >= 500),3} | {answered.Count(s => s.Status == 0),9} | "
                           + $"{(answered.Count == 0 ? 0 : answered.Max(s => s.Latency)),18:0.00} |{mark}");
        }

        var before = accepted.Skip(SkipSeconds).Take(killSecond - SkipSeconds).DefaultIfEmpty(0).Average();
        // Recovered: the first whole second from the kill on that reaches the share, and the two after it do too.
        var recovered = Enumerable.Range(killSecond, Math.Max(0, seconds - killSecond - 2))
            .FirstOrDefault(s => Enumerable.Range(s, 3).All(t => accepted[t] >= RecoveredShare * before), -1);
        var recoverySeconds = recovered < 0 ? double.PositiveInfinity : recovered - killSecond;
        // Around the kill: in flight at it, or sent in the ten seconds after it.
        var spanning = all.Where(s => s.SentAt <= killedAt + 10 && s.AnsweredAt >= killedAt).ToList();
        var longest = spanning.Count == 0 ? 0 : spanning.Max(s => s.Latency);
        var fiveHundreds = all.Count(s => s.Status == 500);
        var unavailable = all.Count(s => s.Status == 503);
        var noAnswer = all.Count(s => s.Status == 0);
        _out.WriteLine();
        _out.WriteLine($"failover: before the kill {before:0.0} orders/s (seconds {SkipSeconds - killSecond} to -1); "
                       + (recovered < 0 ? "never back to 80 % of it" : $"back to >= 80 % {recoverySeconds:0} s after the kill (second {recovered - killSecond} is the first at it)"));
        _out.WriteLine($"failover: longest request around the kill {longest:0.00} s; {fiveHundreds} x 500, {unavailable} x 503, {noAnswer} without answer, "
                       + $"{all.Count(s => s.Status == 201):N0} accepted in all");
        var ok = Check(fiveHundreds == 0, $"{fiveHundreds} answers were 500");
        ok &= Check(recoverySeconds <= 2, $"accepted orders/s back to 80 % of the pre-kill rate within 2 s ({recoverySeconds:0} s)");
        ok &= Check(longest <= 2, $"no request around the kill waited longer than 2 s ({longest:0.00} s)");
        return ok;
    }

    /// <summary>After the load: accepted orders at the warehouse, reserved stock = live orders', every released order due to wake for its SLA.</summary>
    private async Task<bool> CheckAfterLoadAsync(ApiClient api, Fixture fixture, IReadOnlyList<FailoverSample> all, CancellationToken cancellationToken)
    {
        var accepted = all.Where(s => s.Status == 201).Select(s => s.OrderId!).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(_o.DrainTimeoutSeconds);
        var waiting = accepted.Count;
        while ((waiting = await NotReleasedAsync(api, fixture.PartnerKey, accepted, cancellationToken)) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000, cancellationToken);
        }

        var ok = Check(waiting == 0, $"{accepted.Count:N0} accepted orders: {waiting:N0} not ReleasedToWarehouse after the load");

        // Every order of the partner, also those created for a request that was answered 503 or not at all.
        var ids = await api.ListOrderIdsAsync(fixture.PartnerKey, cancellationToken);
        var orders = new ConcurrentBag<(string Status, IReadOnlyList<(string Sku, int Quantity)> Lines)>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, token) =>
        {
            if (await api.GetOrderAsync(fixture.PartnerKey, id, token) is { } order)
            {
                orders.Add(order);
            }
        });
        ok &= Check(orders.Count == ids.Count, $"{ids.Count:N0} orders found, {orders.Count:N0} readable");
        _out.WriteLine($"orders: {ids.Count:N0} created ({ids.Count - accepted.Count:N0} more than the clients were told about), by status: "
                       + string.Join(", ", orders.GroupBy(o => o.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count():N0}")));
        foreach (var sku in fixture.Skus)
        {
            var (_, reserved) = await api.GetStockAsync(sku, cancellationToken);
            var live = orders.Where(o => ReservingStatuses.Contains(o.Status)).SelectMany(o => o.Lines).Where(l => l.Sku == sku).Sum(l => l.Quantity);
            ok &= Check(reserved == live, $"{sku}: reserved {reserved:N0}, live orders hold {live:N0}");
        }

        var withoutWake = await ReleasedWithoutWakeAsync(fixture.PartnerId, cancellationToken);
        ok &= Check(withoutWake == 0, $"released orders without a shipping-SLA wake-up in storage: {withoutWake}");
        return ok;
    }

    private static async Task<int> NotReleasedAsync(ApiClient api, string partnerKey, IReadOnlyList<string> orderIds, CancellationToken cancellationToken)
    {
        var waiting = 0;
        await Parallel.ForEachAsync(orderIds, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, token) =>
        {
            if (await api.GetOrderStatusAsync(partnerKey, id, token) != "ReleasedToWarehouse")
            {
                Interlocked.Increment(ref waiting);
            }
        });
        return waiting;
    }

    /// <summary>
    /// Released orders whose stored state has no wake time: the sweeper would never wake them for their shipping SLA.
    /// The order index says which orders are released; the grain state row holds the wake time (the durable timer).
    /// </summary>
    private async Task<long> ReleasedWithoutWakeAsync(string partnerId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_o.PostgresConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM distribution_order_index i
            JOIN distribution_grain_state g ON g.service_id = i.service_id AND g.state_name = 'order' AND g.grain_key = i.order_id
            WHERE i.partner_id = @partner AND i.status = 'ReleasedToWarehouse' AND g.wake_at IS NULL
            """, connection);
        command.Parameters.AddWithValue("partner", partnerId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task WaitForActiveSilosAsync(string clusterId, int silos, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        await using var connection = new NpgsqlConnection(_o.PostgresConnectionString);
        await connection.OpenAsync(cancellationToken);
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster AND status = 3", connection);
            command.Parameters.AddWithValue("cluster", clusterId);
            if ((long)(await command.ExecuteScalarAsync(cancellationToken))! >= silos)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new SetupException($"fewer than {silos} silos of cluster {clusterId} became active within 120 s");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private bool Check(bool passed, string what)
    {
        _out.WriteLine($"check: {(passed ? "ok  " : "FAIL")} {what}");
        return passed;
    }
}
