using OrleansDistribution.Integration.Health;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Tests.Fixtures;

namespace OrleansDistribution.Integration.Tests.Health;

public sealed class DependencyHealthStateTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Snapshot_NothingReported_BothSystemsHealthySinceStart()
    {
        var state = new DependencyHealthState(TestClock.FrozenAt(Start));

        var snapshot = state.Snapshot();

        Assert.Equal(new DependencyHealth(DownstreamSystem.Erp, DependencyStatus.Healthy, Start, null), snapshot[DownstreamSystem.Erp]);
        Assert.Equal(new DependencyHealth(DownstreamSystem.Warehouse, DependencyStatus.Healthy, Start, null), snapshot[DownstreamSystem.Warehouse]);
    }

    [Fact]
    public void CircuitOpenedThenClosed_DegradedSinceOpeningThenHealthyKeepingLastReason()
    {
        var time = TestClock.FrozenAt(Start);
        var state = new DependencyHealthState(time);

        time.Advance(TimeSpan.FromMinutes(1));
        state.CircuitOpened(DownstreamSystem.Erp, "503 Service Unavailable");
        time.Advance(TimeSpan.FromMinutes(1));
        state.CircuitOpened(DownstreamSystem.Erp, "HttpRequestException: connection refused");

        var degraded = state.Snapshot()[DownstreamSystem.Erp];
        Assert.Equal(DependencyStatus.Degraded, degraded.Status);
        Assert.Equal(Start.AddMinutes(1), degraded.Since);
        Assert.Equal("HttpRequestException: connection refused", degraded.LastReason);
        Assert.Equal(DependencyStatus.Healthy, state.Snapshot()[DownstreamSystem.Warehouse].Status);

        time.Advance(TimeSpan.FromMinutes(3));
        state.CircuitClosed(DownstreamSystem.Erp);

        Assert.Equal(
            new DependencyHealth(DownstreamSystem.Erp, DependencyStatus.Healthy, Start.AddMinutes(5), "HttpRequestException: connection refused"),
            state.Snapshot()[DownstreamSystem.Erp]);
    }

    [Fact]
    public async Task Reports_FromManyThreads_EndInALegalState()
    {
        var state = new DependencyHealthState(TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                var system = (worker + i) % 2 == 0 ? DownstreamSystem.Erp : DownstreamSystem.Warehouse;
                state.CircuitOpened(system, $"failure {i}");
                _ = state.Snapshot();
                state.CircuitClosed(system);
            }
        })));

        Assert.All(state.Snapshot().Values, health => Assert.NotNull(health.LastReason));
        Assert.Equal(2, state.Snapshot().Count);
    }
}
