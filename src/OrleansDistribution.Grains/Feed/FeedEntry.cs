using OrleansDistribution.Abstractions.Events;

namespace OrleansDistribution.Grains.Feed;

/// <summary>One event of a partner's feed, at its position.</summary>
[GenerateSerializer, Immutable]
[Alias("FeedEntry")]
public sealed record FeedEntry([property: Id(0)] FeedCursor Cursor, [property: Id(1)] DistributionEvent Event);
