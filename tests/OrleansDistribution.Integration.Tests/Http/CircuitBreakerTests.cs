using OrleansDistribution.Integration.Health;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Integration.Tests.Http;

/// <summary>
/// A systemically failing dependency opens its circuit: reported once, calls fail fast without reaching
/// it, and one recovery closes it again, reported once.
/// </summary>
public sealed class CircuitBreakerTests : IAsyncLifetime
{
    // Two attempts per call and a circuit that opens at 4 attempts with half of them failing: the second
    // failing call opens it. A 1 s break (Polly's floor is 500 ms) leaves the fail-fast window observable.
    private static readonly Dictionary<string, string?> TripQuickly = new()
    {
        ["Distribution:Erp:MaxRetryAttempts"] = "1",
        ["Distribution:Erp:CircuitMinimumThroughput"] = "4",
        ["Distribution:Erp:CircuitFailureRatio"] = "0.5",
        ["Distribution:Erp:CircuitSamplingDuration"] = "00:00:05",
        ["Distribution:Erp:CircuitBreakDuration"] = "00:00:01",
    };

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private StubServer _stub = null!;

    public async ValueTask InitializeAsync() => _stub = await StubServer.StartAsync();

    public async ValueTask DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Circuit_RepeatedFailures_OpensOnceFailsFastThenClosesOnceWhenRecovered()
    {
        await using var harness = DownstreamHarness.Create(_stub.BaseUrl, TripQuickly);
        _stub.Otherwise(Respond.Status(503));

        // Two calls of two failing attempts each reach the minimum throughput at 100 % failures.
        await Assert.ThrowsAsync<DownstreamUnavailableException>(() => CommitAsync(harness));
        await Assert.ThrowsAsync<DownstreamUnavailableException>(() => CommitAsync(harness));
        Assert.Equal(4, _stub.Requests.Count);
        var opened = Assert.Single(harness.Reporter.Reports);
        Assert.StartsWith($"opened:{DownstreamSystem.Erp}:503", opened);
        Assert.Equal(DependencyStatus.Degraded, harness.Reporter.State.Snapshot()[DownstreamSystem.Erp].Status);

        // Open: the next call fails without reaching the ERP.
        var fastFailure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() => CommitAsync(harness));
        Assert.Contains("circuit is open", fastFailure.Message);
        Assert.Equal(4, _stub.Requests.Count);

        // The WMS has its own circuit and still gets called.
        _stub.Then(Respond.Json(200, new { cancelled = true }));
        var orderId = DownstreamHarness.NewOrderId();
        await harness.Warehouse.CancelReleaseAsync(orderId, DownstreamHarness.Step(orderId, "warehouse-cancel"), CancellationToken.None);
        Assert.Equal(5, _stub.Requests.Count);

        // After the break a probe goes through; it fails, the circuit re-opens: the same outage, not reported again.
        await Eventually.HoldsAsync(async () =>
        {
            await Assert.ThrowsAsync<DownstreamUnavailableException>(() => CommitAsync(harness));
            return _stub.Requests.Count > 5;
        }, "a half-open probe reaching the ERP", Deadline);
        Assert.Single(harness.Reporter.Reports);

        // The ERP recovers: the next probe closes the circuit, reported once.
        _stub.Otherwise(Respond.Json(201, new { erpOrderRef = "ERP-back" }));
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                return await CommitAsync(harness) == "ERP-back";
            }
            catch (DownstreamUnavailableException)
            {
                return false;
            }
        }, "a call succeeding once the circuit lets a probe through", Deadline);

        Assert.Equal([opened, $"closed:{DownstreamSystem.Erp}"], harness.Reporter.Reports);
        var erp = harness.Reporter.State.Snapshot()[DownstreamSystem.Erp];
        Assert.Equal(DependencyStatus.Healthy, erp.Status);
        Assert.StartsWith("503", erp.LastReason);

        // Closed again: calls flow without further reports.
        Assert.Equal("ERP-back", await CommitAsync(harness));
        Assert.Equal(2, harness.Reporter.Reports.Count);
    }

    [Fact]
    public async Task Circuit_BusinessRefusals_NeverOpenIt()
    {
        await using var harness = DownstreamHarness.Create(_stub.BaseUrl, TripQuickly);
        _stub.Otherwise(Respond.Problem(422, "SKU blocked"));

        for (var call = 0; call < 6; call++)
        {
            await Assert.ThrowsAsync<DownstreamRejectedException>(() => CommitAsync(harness));
        }

        Assert.Equal(6, _stub.Requests.Count);
        Assert.Empty(harness.Reporter.Reports);
    }

    private static Task<string> CommitAsync(DownstreamHarness harness)
    {
        var orderId = DownstreamHarness.NewOrderId();
        return harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), CancellationToken.None);
    }
}
