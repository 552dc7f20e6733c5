namespace OrleansDistribution.Grains.Feed;

/// <summary>
/// What a read of a partner's feed found: the events after the cursor asked for, oldest first. When
/// <see cref="CursorExpired"/> is true the retention sweep has deleted events after that cursor: the reader missed
/// events for good and <see cref="Entries"/> is empty.
/// </summary>
/// <param name="Entries">The events, oldest first; fewer than asked for when the reader is at the end.</param>
/// <param name="CursorExpired">The cursor lies before what the feed still holds.</param>
/// <param name="Retention">How long the feed keeps an event.</param>
public sealed record FeedPage(IReadOnlyList<FeedEntry> Entries, bool CursorExpired, TimeSpan Retention)
{
    /// <summary>The cursor to read on from: the last entry's, or null when nothing was found.</summary>
    public FeedCursor? Last => Entries.Count == 0 ? null : Entries[^1].Cursor;
}
