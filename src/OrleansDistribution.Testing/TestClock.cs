using System.Collections.Concurrent;

namespace OrleansDistribution.Testing;

/// <summary>
/// The grains' clock in a test cluster: real time that a test can move forward. It runs with the wall clock, so the
/// workflow's millisecond step delays pass on their own, and <see cref="Advance"/> jumps it ahead: every grain timer
/// that falls due by the new time fires at once (the ship SLA, reservation expiry, step retries, the workflow sweep).
/// <see cref="Freeze"/> stops it for tests that must read exact times; then only <see cref="Advance"/> moves it.
/// </summary>
/// <remarks>
/// Written here because <c>FakeTimeProvider</c> (Microsoft.Extensions.TimeProvider.Testing) only stands still: with
/// it every test would have to pump the clock for the workflow's own millisecond delays to elapse.
/// </remarks>
public sealed class TestClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<ClockTimer, byte> _timers = new();
    private TimeSpan _offset;
    private DateTimeOffset? _frozenAt;

    /// <summary>A clock that starts at the wall clock's time and runs.</summary>
    public TestClock()
    {
    }

    /// <summary>A clock that starts at <paramref name="start"/> and runs from there.</summary>
    public TestClock(DateTimeOffset start) => _offset = start - System.GetUtcNow();

    /// <summary>A clock standing still at <paramref name="time"/>: only <see cref="Advance"/> moves it.</summary>
    public static TestClock FrozenAt(DateTimeOffset time)
    {
        var clock = new TestClock(time);
        clock._frozenAt = time;
        return clock;
    }

    /// <summary>True while the clock stands still between calls of <see cref="Advance"/>.</summary>
    public bool IsFrozen
    {
        get
        {
            lock (_lock)
            {
                return _frozenAt is not null;
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _frozenAt ?? System.GetUtcNow() + _offset;
        }
    }

    /// <inheritdoc />
    /// <remarks>Moves with <see cref="GetUtcNow"/>, so elapsed times measured on this clock include every advance.</remarks>
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Moves the clock forward; timers due by the new time fire now (on the thread pool, as real timers do).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="span"/> is negative: time does not run backwards.</exception>
    public void Advance(TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        lock (_lock)
        {
            _offset += span;
            if (_frozenAt is { } frozen)
            {
                _frozenAt = frozen + span;
            }
        }

        Reschedule();
    }

    /// <summary>Stops the clock at its current time; only <see cref="Advance"/> moves it until <see cref="Resume"/>.</summary>
    public void Freeze()
    {
        lock (_lock)
        {
            _frozenAt ??= System.GetUtcNow() + _offset;
        }

        Reschedule();
    }

    /// <summary>Lets the clock run again from where it stands.</summary>
    public void Resume()
    {
        lock (_lock)
        {
            if (_frozenAt is { } frozen)
            {
                _offset = frozen - System.GetUtcNow();
                _frozenAt = null;
            }
        }

        Reschedule();
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ClockTimer(this, callback, state);
        _timers[timer] = 0;
        timer.Change(dueTime, period);
        return timer;
    }

    private void Reschedule()
    {
        foreach (var timer in _timers.Keys)
        {
            timer.Reschedule();
        }
    }

    /// <summary>How long from now, in real time, a timer due at <paramref name="dueAt"/> should wait; null while frozen short of it.</summary>
    private TimeSpan? RealDelayUntil(DateTimeOffset dueAt)
    {
        var remaining = dueAt - GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return IsFrozen ? null : remaining;
    }

    /// <summary>A timer due at a time on this clock, waiting on a real timer for the real time left.</summary>
    private sealed class ClockTimer : ITimer
    {
        private readonly TestClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly Lock _lock = new();
        private readonly Timer _real;
        private DateTimeOffset? _dueAt;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public ClockTimer(TestClock clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            // Holds only this timer; the clock's set holds the timer until it is disposed.
            _real = new Timer(static self => ((ClockTimer)self!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return false;
                }

                _period = period;
                _dueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime;
            }

            Reschedule();
            return true;
        }

        public void Reschedule()
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                var delay = _dueAt is { } dueAt ? _clock.RealDelayUntil(dueAt) : null;
                _real.Change(delay ?? Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        private void Fire()
        {
            bool due;
            lock (_lock)
            {
                if (_disposed || _dueAt is null)
                {
                    return;
                }

                if (_dueAt > _clock.GetUtcNow())
                {
                    // Woken a little early (the real timer rounds to milliseconds) or the due time moved: wait the rest.
                    due = false;
                }
                else
                {
                    due = true;
                    _dueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : _clock.GetUtcNow() + _period;
                }
            }

            if (due)
            {
                _callback(_state);
            }

            Reschedule();
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _disposed = true;
            }

            _clock._timers.TryRemove(this, out _);
            _real.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
