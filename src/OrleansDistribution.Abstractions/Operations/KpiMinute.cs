namespace OrleansDistribution.Abstractions.Operations;

/// <summary>
/// What one silo counted in one minute for the ops console's sparklines (merged, what the cluster counted): durations in
/// <see cref="LatencyBuckets"/>, so minutes of different silos add up.
/// </summary>
[GenerateSerializer]
[Alias("KpiMinute")]
public sealed class KpiMinute
{
    /// <summary>The minute's start (UTC, whole minute).</summary>
    [Id(0)] public DateTimeOffset Minute { get; set; }

    /// <summary>Order submissions answered, by how long they took (<see cref="LatencyBuckets"/>).</summary>
    [Id(1)] public long[] Acceptance { get; set; } = new long[LatencyBuckets.Count];

    /// <summary>New orders accepted.</summary>
    [Id(2)] public int Accepted { get; set; }

    /// <summary>Requests partners made that ended in a problem (4xx/5xx).</summary>
    [Id(3)] public int Failed { get; set; }

    /// <summary>Exceptions a replay job retried successfully.</summary>
    [Id(4)] public int ReplaySucceeded { get; set; }

    /// <summary>Exceptions a replay job retried without success.</summary>
    [Id(5)] public int ReplayFailed { get; set; }

    /// <summary>ERP stock statements applied, by their lag (<see cref="LatencyBuckets"/>).</summary>
    [Id(6)] public long[] SyncLag { get; set; } = new long[LatencyBuckets.Count];

    /// <summary>Traffic per partner (bounded: partners past the label limit count as "other").</summary>
    [Id(7)] public Dictionary<string, PartnerMinute> Partners { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="other"/>'s counts to these (same minute, another silo).</summary>
    public void Add(KpiMinute other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < LatencyBuckets.Count; i++)
        {
            Acceptance[i] += other.Acceptance[i];
            SyncLag[i] += other.SyncLag[i];
        }

        Accepted += other.Accepted;
        Failed += other.Failed;
        ReplaySucceeded += other.ReplaySucceeded;
        ReplayFailed += other.ReplayFailed;
        foreach (var (partner, minute) in other.Partners)
        {
            if (!Partners.TryGetValue(partner, out var mine))
            {
                Partners[partner] = mine = new PartnerMinute();
            }

            mine.Add(minute);
        }
    }
}
