using System.Collections.Concurrent;
using OrleansDistribution.Abstractions.Operations;

namespace OrleansDistribution.Grains.Telemetry;

/// <summary>
/// This silo's counts for the ops console, one slot per minute over the last <see cref="IOpsKpiGrain.WindowMinutes"/>
/// minutes (a ring: a slot is reused when its minute comes round again). Written on the hot path with interlocked
/// increments only; <see cref="Snapshot"/> copies the window for the report to the cluster's KPI grain.
/// Why not the OpenTelemetry instruments: the SDK gives no way to read a histogram's recent buckets back in-process, and
/// the console must work without a Prometheus server.
/// </summary>
public sealed class KpiWindow(TimeProvider clock)
{
    private const int Slots = IOpsKpiGrain.WindowMinutes + 1;

    private readonly Slot?[] _slots = new Slot?[Slots];
    private readonly Lock _gate = new();

    /// <summary>An order submission was answered (accepted: a new order was created).</summary>
    public void Submission(string partner, bool accepted, TimeSpan elapsed)
    {
        var slot = Current();
        Interlocked.Increment(ref slot.Acceptance[LatencyBuckets.IndexOf(elapsed)]);
        if (accepted)
        {
            Interlocked.Increment(ref slot.Accepted);
            Interlocked.Increment(ref slot.Partner(partner).Accepted);
        }
    }

    /// <summary>A partner's request ended in a problem of type <paramref name="reason"/>.</summary>
    public void Failure(string partner, string reason, bool throttled)
    {
        var slot = Current();
        Interlocked.Increment(ref slot.Failed);
        var counts = slot.Partner(partner);
        counts.FailedByReason.AddOrUpdate(reason, 1, static (_, count) => count + 1);
        if (throttled)
        {
            Interlocked.Increment(ref counts.Throttled);
        }
    }

    /// <summary>A replay job retried an exception.</summary>
    public void Replay(bool succeeded)
    {
        var slot = Current();
        if (succeeded)
        {
            Interlocked.Increment(ref slot.ReplaySucceeded);
        }
        else
        {
            Interlocked.Increment(ref slot.ReplayFailed);
        }
    }

    /// <summary>An ERP stock statement was applied this long after its asOf.</summary>
    public void SyncLag(TimeSpan lag) => Interlocked.Increment(ref Current().SyncLag[LatencyBuckets.IndexOf(lag)]);

    /// <summary>The minutes of the window that counted anything, oldest first.</summary>
    public IReadOnlyList<KpiMinute> Snapshot()
    {
        var now = MinuteOf(clock.GetUtcNow());
        var minutes = new List<KpiMinute>(Slots);
        foreach (var slot in _slots)
        {
            if (slot is not null && slot.Number > now - Slots && slot.Number <= now)
            {
                minutes.Add(slot.ToMinute());
            }
        }

        minutes.Sort(static (left, right) => left.Minute.CompareTo(right.Minute));
        return minutes;
    }

    private static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;

    private Slot Current()
    {
        var number = MinuteOf(clock.GetUtcNow());
        var index = (int)(number % Slots);
        var slot = Volatile.Read(ref _slots[index]);
        if (slot?.Number == number)
        {
            return slot;
        }

        lock (_gate)
        {
            slot = _slots[index];
            if (slot?.Number != number)
            {
                // A writer still holding the slot this replaces adds to a minute 16 minutes old: nobody reads it again.
                slot = new Slot(number);
                Volatile.Write(ref _slots[index], slot);
            }

            return slot;
        }
    }

    private sealed class Slot(long number)
    {
        public readonly long Number = number;
        public readonly long[] Acceptance = new long[LatencyBuckets.Count];
        public readonly long[] SyncLag = new long[LatencyBuckets.Count];
        public readonly ConcurrentDictionary<string, PartnerSlot> Partners = new(StringComparer.Ordinal);
        public int Accepted;
        public int Failed;
        public int ReplaySucceeded;
        public int ReplayFailed;

        public PartnerSlot Partner(string partner) =>
            Partners.TryGetValue(partner, out var counts) ? counts : Partners.GetOrAdd(partner, static _ => new PartnerSlot());

        public KpiMinute ToMinute()
        {
            var minute = new KpiMinute
            {
                Minute = DateTimeOffset.FromUnixTimeSeconds(Number * 60),
                Accepted = Volatile.Read(ref Accepted),
                Failed = Volatile.Read(ref Failed),
                ReplaySucceeded = Volatile.Read(ref ReplaySucceeded),
                ReplayFailed = Volatile.Read(ref ReplayFailed),
            };
            for (var i = 0; i < LatencyBuckets.Count; i++)
            {
                minute.Acceptance[i] = Interlocked.Read(ref Acceptance[i]);
                minute.SyncLag[i] = Interlocked.Read(ref SyncLag[i]);
            }

            foreach (var (partner, counts) in Partners)
            {
                minute.Partners[partner] = new PartnerMinute
                {
                    Accepted = Volatile.Read(ref counts.Accepted),
                    Throttled = Volatile.Read(ref counts.Throttled),
                    FailedByReason = new Dictionary<string, int>(counts.FailedByReason, StringComparer.Ordinal),
                };
            }

            return minute;
        }
    }

    private sealed class PartnerSlot
    {
        public readonly ConcurrentDictionary<string, int> FailedByReason = new(StringComparer.Ordinal);
        public int Accepted;
        public int Throttled;
    }
}
