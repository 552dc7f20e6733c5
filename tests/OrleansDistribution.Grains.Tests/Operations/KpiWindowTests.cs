using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Grains.Operations;
using Microsoft.Extensions.Time.Testing;
using OrleansDistribution.Abstractions.Operations;
using OrleansDistribution.Grains.Telemetry;

namespace OrleansDistribution.Grains.Tests.Operations;

/// <summary>The per-minute counts behind the ops console's sparklines, and the buckets their percentiles are read from.</summary>
public sealed class KpiWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 8, 37, 10, TimeSpan.Zero);

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void Quantile_OfAKnownSpread_IsWithinABucketOfTheTrueValue(double quantile)
    {
        // 1..1000 ms, one each: the true p50 is 500 ms, the true p99 990 ms.
        var counts = new long[LatencyBuckets.Count];
        for (var ms = 1; ms <= 1000; ms++)
        {
            counts[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(ms))]++;
        }

        var read = LatencyBuckets.QuantileMilliseconds(counts, quantile)!.Value;

        var truth = quantile * 1000;
        Assert.InRange(read, truth / 1.25, truth * 1.25);
    }

    [Fact]
    public void Buckets_CoverHalfAMillisecondToHours_AndNothingCountedIsNull()
    {
        Assert.Equal(0, LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(0.2)));
        Assert.Equal(LatencyBuckets.Count - 1, LatencyBuckets.IndexOf(TimeSpan.FromDays(2)));
        Assert.True(LatencyBuckets.BoundsMilliseconds[LatencyBuckets.IndexOf(TimeSpan.FromHours(1))] >= TimeSpan.FromHours(1).TotalMilliseconds);
        Assert.Null(LatencyBuckets.QuantileMilliseconds(new long[LatencyBuckets.Count], 0.99));
    }

    [Fact]
    public void Window_CountsPerMinute_AndForgetsMinutesOlderThanTheWindow()
    {
        var clock = new FakeTimeProvider(Start);
        var window = new KpiWindow(clock);
        window.Submission("p1", accepted: true, TimeSpan.FromMilliseconds(12));
        window.Submission("p1", accepted: false, TimeSpan.FromMilliseconds(3));
        window.Failure("p1", "rate-limited", throttled: true);
        clock.Advance(TimeSpan.FromMinutes(1));
        window.Replay(succeeded: true);
        window.SyncLag(TimeSpan.FromSeconds(2));

        var minutes = window.Snapshot();

        Assert.Equal([Start.AddSeconds(-10), Start.AddSeconds(50)], minutes.Select(minute => minute.Minute));
        Assert.Equal(2, minutes[0].Acceptance.Sum());
        Assert.Equal(1, minutes[0].Accepted);
        Assert.Equal(1, minutes[0].Failed);
        Assert.Equal(1, minutes[0].Partners["p1"].Throttled);
        Assert.Equal(1, minutes[0].Partners["p1"].FailedByReason["rate-limited"]);
        Assert.Equal(1, minutes[1].ReplaySucceeded);
        Assert.Equal(1, minutes[1].SyncLag.Sum());

        // Fifteen minutes on, the first minute has left the window; its ring slot, reused, starts from zero.
        clock.Advance(TimeSpan.FromMinutes(15));
        window.Submission("p2", accepted: true, TimeSpan.FromMilliseconds(5));
        var later = window.Snapshot();
        Assert.DoesNotContain(later, minute => minute.Minute == Start.AddSeconds(-10));
        Assert.Equal(1, later[^1].Accepted);
        Assert.False(later[^1].Partners.ContainsKey("p1"));
    }

    [Fact]
    public void Minutes_OfTwoSilos_AddUpBucketByBucket()
    {
        var first = new KpiWindow(new FakeTimeProvider(Start));
        var second = new KpiWindow(new FakeTimeProvider(Start));
        first.Submission("p1", accepted: true, TimeSpan.FromMilliseconds(10));
        second.Submission("p1", accepted: true, TimeSpan.FromMilliseconds(10));
        second.Failure("p1", "validation-failed", throttled: false);

        var merged = new KpiMinute { Minute = first.Snapshot()[0].Minute };
        merged.Add(first.Snapshot()[0]);
        merged.Add(second.Snapshot()[0]);

        Assert.Equal(2, merged.Accepted);
        Assert.Equal(2, merged.Acceptance[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(10))]);
        Assert.Equal(2, merged.Partners["p1"].Accepted);
        Assert.Equal(1, merged.Partners["p1"].FailedByReason["validation-failed"]);
    }

    [Fact]
    public void PartnerLabels_BeyondTheLimit_CountAsOther()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var clock = new FakeTimeProvider(Start);
        var metrics = new OperationsMetrics(new DistributionMeter(services.GetRequiredService<IMeterFactory>()), new KpiWindow(clock),
            Options.Create(new KpiOptions { MaxPartnerLabels = 2 }), clock);

        foreach (var partner in new[] { "p1", "p2", "p3", "p4", "p1" })
        {
            metrics.Submission(partner, 201, replayed: false, TimeSpan.FromMilliseconds(5));
        }

        metrics.Failure(null, "unauthenticated");

        var partners = metrics.Window.Snapshot().Single().Partners;
        Assert.Equal(["other", "p1", "p2", "unauthenticated"], partners.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, partners["p1"].Accepted);
        Assert.Equal(2, partners["other"].Accepted);
    }
}
