using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>One stored feed event: its position and serialized payload.</summary>
public readonly record struct StoredFeedRow(FeedCursor Cursor, byte[] Payload);

/// <summary>
/// What a store found in a partner's feed after a cursor, and the last position the retention sweep deleted from that
/// feed (null when it never deleted any): a reader behind it has missed events.
/// </summary>
public sealed record StoredFeedRead(IReadOnlyList<StoredFeedRow> Rows, FeedCursor? TrimmedThrough);
