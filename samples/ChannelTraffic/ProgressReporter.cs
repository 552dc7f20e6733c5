using System.Diagnostics;

namespace ChannelTraffic;

public sealed class ProgressReporter(LiveCounters counters, int planned, TextWriter output)
{
    private readonly LiveCounters _counters = counters;
    private readonly int _planned = planned;
    private readonly TextWriter _output = output;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _lastCompleted;
    private long _lastTick = Stopwatch.GetTimestamp();

    /// <summary>Prints a line every second until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                WriteLine();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping is the normal end of the loop.
        }
    }

    public void WriteLine()
    {
        var now = Stopwatch.GetTimestamp();
        var completed = _counters.Completed;
        var sent = _counters.Sent;
        var interval = Stopwatch.GetElapsedTime(_lastTick, now).TotalSeconds;
        var rate = interval > 0 ? (completed - _lastCompleted) / interval : 0;
        _lastCompleted = completed;
        _lastTick = now;

        var elapsed = Stopwatch.GetElapsedTime(_started, now).TotalSeconds;
        _output.WriteLine(
            $"[{elapsed,6:0.0}s] sent {sent,7}/{_planned} (in flight {sent - completed,4})  rate {rate,8:0.0}/s  "
            + $"accepted {_counters.Accepted,7}  on-hold {_counters.OnHold,6}  replayed {_counters.Replayed,6}  errors {_counters.Errors,5}");
    }
}
