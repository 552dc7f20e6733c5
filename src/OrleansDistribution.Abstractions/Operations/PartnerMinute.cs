namespace OrleansDistribution.Abstractions.Operations;

/// <summary>One partner's traffic in one minute on one silo (or, merged, the cluster).</summary>
[GenerateSerializer]
[Alias("PartnerMinute")]
public sealed class PartnerMinute
{
    /// <summary>New orders accepted (201, not a replay).</summary>
    [Id(0)] public int Accepted { get; set; }

    /// <summary>Requests refused by the partner's rate limit or daily quota (429).</summary>
    [Id(1)] public int Throttled { get; set; }

    /// <summary>Requests that ended in a problem (4xx/5xx), by problem type code.</summary>
    [Id(2)] public Dictionary<string, int> FailedByReason { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="other"/>'s counts to these.</summary>
    public void Add(PartnerMinute other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Accepted += other.Accepted;
        Throttled += other.Throttled;
        foreach (var (reason, count) in other.FailedByReason)
        {
            FailedByReason[reason] = FailedByReason.GetValueOrDefault(reason) + count;
        }
    }
}
