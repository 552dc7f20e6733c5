namespace OrleansDistribution.Testing.Tests;

/// <summary>The kit's clock: real time a test moves forward, and timers that follow it.</summary>
public sealed class TestClockTests
{
    private static readonly TimeSpan NotLong = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task Running_MovesWithRealTime_AndAdvanceAddsToIt()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        var start = clock.GetUtcNow();
        await Task.Delay(50);
        var later = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromHours(48));

        Assert.InRange(later - start, TimeSpan.FromMilliseconds(40), TimeSpan.FromSeconds(5));
        Assert.InRange(clock.GetUtcNow() - later, TimeSpan.FromHours(48), TimeSpan.FromHours(48) + TimeSpan.FromSeconds(5));
        Assert.InRange(clock.GetElapsedTime(0, clock.GetTimestamp()), TimeSpan.Zero, TimeSpan.MaxValue);
    }

    [Fact]
    public async Task Running_ShortTimerFiresOnItsOwn()
    {
        var clock = new TestClock();
        var fired = new TaskCompletionSource();
        using var timer = clock.CreateTimer(_ => fired.TrySetResult(), null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);

        await fired.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task LongTimer_FiresWhenAdvancedPastItsDueTime_NotBefore()
    {
        var clock = new TestClock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromHours(48), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromHours(47));
        await Task.Delay(NotLong);
        Assert.Equal(0, Volatile.Read(ref fired));

        clock.Advance(TimeSpan.FromHours(1));
        await Eventually.HoldsAsync(() => Volatile.Read(ref fired) == 1, "the timer fires once its due time is reached");
        await Task.Delay(NotLong);
        Assert.Equal(1, Volatile.Read(ref fired));
    }

    [Fact]
    public async Task Frozen_StandsStill_TimersFireOnlyOnAdvance_ResumeRunsOnFromThere()
    {
        var clock = new TestClock();
        clock.Freeze();
        var frozenAt = clock.GetUtcNow();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);

        await Task.Delay(NotLong);
        Assert.Equal(frozenAt, clock.GetUtcNow());
        Assert.Equal(0, Volatile.Read(ref fired));

        clock.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(frozenAt + TimeSpan.FromMilliseconds(20), clock.GetUtcNow());
        await Eventually.HoldsAsync(() => Volatile.Read(ref fired) == 1, "the timer fires on the advance");

        clock.Resume();
        Assert.False(clock.IsFrozen);
        Assert.InRange(clock.GetUtcNow() - frozenAt, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task PeriodicTimer_OneTickPerAdvanceOverManyPeriods_ThenOnItsPeriodFromThere()
    {
        var clock = new TestClock();
        clock.Freeze();
        var ticks = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref ticks), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        // Ten periods at once are one tick, as a real timer that was blocked fires once and goes on.
        clock.Advance(TimeSpan.FromMinutes(10));
        await Eventually.HoldsAsync(() => Volatile.Read(ref ticks) == 1, "one tick for the jump");
        clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(NotLong);
        Assert.Equal(1, Volatile.Read(ref ticks));
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => Volatile.Read(ref ticks) == 2, "the next tick a period after the first");
    }

    [Fact]
    public async Task ChangedToInfiniteOrDisposed_NeverFires()
    {
        var clock = new TestClock();
        var fired = 0;
        var stopped = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        var disposed = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        Assert.True(stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        disposed.Dispose();
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        clock.Advance(TimeSpan.FromDays(1));
        await Task.Delay(NotLong);

        Assert.Equal(0, Volatile.Read(ref fired));
        stopped.Dispose();
    }

    [Fact]
    public void Advance_Negative_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TestClock().Advance(TimeSpan.FromSeconds(-1)));
}
