using Orleans.Serialization;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// The partner feeds over the grain state store that appends them (same database, same transaction as the state
/// changes): reads the rows and turns their payloads back into events.
/// </summary>
public sealed class StoredPartnerFeed(IGrainStateStore store, Serializer serializer, GroupCommitOptions options) : IPartnerFeed
{
    /// <summary>Most events one read returns.</summary>
    public const int MaxLimit = 1000;

    /// <inheritdoc />
    public TimeSpan Retention => options.FeedRetention;

    /// <inheritdoc />
    public async Task<FeedPage> ReadAsync(string partnerId, FeedCursor after, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partnerId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var read = await store.ReadFeedAsync(partnerId, after, Math.Min(limit, MaxLimit), cancellationToken).ConfigureAwait(false);
        if (read.TrimmedThrough is { } trimmed && after < trimmed && after != FeedCursor.Start)
        {
            // Events after the reader's cursor were deleted by the retention sweep: it missed them for good.
            return new FeedPage([], CursorExpired: true, Retention);
        }

        var entries = new List<FeedEntry>(read.Rows.Count);
        foreach (var row in read.Rows)
        {
            entries.Add(new FeedEntry(row.Cursor, serializer.Deserialize<DistributionEvent>(row.Payload)
                ?? throw new InvalidOperationException($"Feed event at {row.Cursor} of partner '{partnerId}' is empty.")));
        }

        return new FeedPage(entries, CursorExpired: false, Retention);
    }

    /// <inheritdoc />
    public async Task<FeedCursor> EndAsync(string partnerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(partnerId);
        return await store.ReadFeedEndAsync(partnerId, cancellationToken).ConfigureAwait(false) ?? FeedCursor.Start;
    }
}
