namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>How many exceptions of a queue (or one of its shards) are open, and when the oldest of them was raised.</summary>
[GenerateSerializer, Immutable]
[Alias("ExceptionBacklog")]
public sealed record ExceptionBacklog(
    [property: Id(0)] int Open,
    [property: Id(1)] DateTimeOffset? OldestRaisedAt)
{
    /// <summary>Nothing open.</summary>
    public static ExceptionBacklog Empty { get; } = new(0, null);

    /// <summary>Two backlogs as one: counts add up, the older of the oldest.</summary>
    public ExceptionBacklog Plus(ExceptionBacklog other) => new(
        Open + other.Open,
        OldestRaisedAt is { } mine && other.OldestRaisedAt is { } theirs ? (mine < theirs ? mine : theirs) : OldestRaisedAt ?? other.OldestRaisedAt);

    /// <summary>The backlog of <paramref name="entries"/>.</summary>
    public static ExceptionBacklog Of(IEnumerable<ExceptionEntry> entries)
    {
        var open = 0;
        DateTimeOffset? oldest = null;
        foreach (var entry in entries)
        {
            open++;
            if (oldest is null || entry.RaisedAt < oldest)
            {
                oldest = entry.RaisedAt;
            }
        }

        return new ExceptionBacklog(open, oldest);
    }
}
