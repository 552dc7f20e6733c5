using System.Collections.Concurrent;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Grains.Feed;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// Grain state in process memory for the Memory storage mode (tests). One table per ServiceId for the whole process,
/// so every silo of an in-process test cluster sees the same rows, as they would with a database, and a silo
/// restarted in the same process finds its state again. It runs behind the same batching as the real stores, so
/// tests exercise that code too. Nothing is ever freed: this is for tests and throwaway demos.
/// </summary>
public sealed class MemoryGrainStateStore : IGrainStateStore
{
    private static readonly ConcurrentDictionary<string, MemoryGrainStateTable> Services = new(StringComparer.Ordinal);

    private readonly MemoryGrainStateTable _table;

    /// <summary>Opens (or creates) the process-wide table of <paramref name="serviceId"/>.</summary>
    public MemoryGrainStateStore(string serviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        _table = Services.GetOrAdd(serviceId, static _ => new MemoryGrainStateTable());
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task ReadAsync(IReadOnlyList<StateRead> batch, CancellationToken cancellationToken)
    {
        lock (_table.Gate)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var read = batch[i];
                if (_table.Rows.TryGetValue(read.Key, out var row))
                {
                    read.Version = row.Version;
                    read.Payload = row.Payload;
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteAsync(IReadOnlyList<StateWrite> batch, CancellationToken cancellationToken)
    {
        lock (_table.Gate)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                var exists = _table.Rows.TryGetValue(write.Key, out var row);
                var matches = write.ExpectedVersion is { } expected ? exists && row.Version == expected : !exists;
                if (!matches || (write.IsClear && !exists))
                {
                    continue;
                }

                var version = exists ? row.Version + 1 : 1;
                _table.Rows[write.Key] = new MemoryGrainStateRow(version, write.Payload, write.WakeAt, write.ExpiresAt);
                write.CommittedVersion = version;
                AppendFeed(write.Feed);

                // Order index: under the same lock as the row, so no reader sees one without the other.
                if (write.OrderIndex is { } entry)
                {
                    _table.OrderIndex[write.Key.GrainKey] = new OrderSummary(
                        write.Key.GrainKey, entry.PartnerId, entry.ChannelOrderRef, entry.CustomerId, entry.Status, entry.CreatedAt, entry.Total, entry.Currency);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<StoredFeedRead> ReadFeedAsync(string partnerId, FeedCursor after, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<StoredFeedRow>();
        lock (_table.Gate)
        {
            if (_table.Feeds.TryGetValue(partnerId, out var feed))
            {
                // Positions ascend within a feed: find the first one after the cursor, then take the next ones.
                var first = FirstAfter(feed, after);
                for (var i = first; i < feed.Count && rows.Count < limit; i++)
                {
                    rows.Add(new StoredFeedRow(new FeedCursor((ulong)feed[i].Position), feed[i].Payload));
                }
            }

            FeedCursor? trimmed = _table.FeedTrims.TryGetValue(partnerId, out var position) ? new FeedCursor((ulong)position) : null;
            return Task.FromResult(new StoredFeedRead(rows, trimmed));
        }
    }

    /// <inheritdoc />
    public Task<FeedCursor?> ReadFeedEndAsync(string partnerId, CancellationToken cancellationToken)
    {
        lock (_table.Gate)
        {
            return Task.FromResult<FeedCursor?>(_table.Feeds.TryGetValue(partnerId, out var feed) && feed.Count > 0
                ? new FeedCursor((ulong)feed[^1].Position)
                : null);
        }
    }

    /// <inheritdoc />
    public Task<int> TrimFeedAsync(DateTimeOffset occurredBefore, int limit, CancellationToken cancellationToken)
    {
        lock (_table.Gate)
        {
            // The oldest events of all feeds first, as the database stores do.
            var doomed = _table.Feeds
                .SelectMany(feed => feed.Value.Where(row => row.OccurredAt < occurredBefore).Select(row => (Partner: feed.Key, Row: row)))
                .OrderBy(entry => entry.Row.OccurredAt)
                .Take(limit)
                .ToList();
            foreach (var (partner, row) in doomed)
            {
                _table.Feeds[partner].Remove(row);
                _table.FeedTrims[partner] = Math.Max(_table.FeedTrims.GetValueOrDefault(partner), row.Position);
            }

            return Task.FromResult(doomed.Count);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> DueAsync(string stateName, DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        // A scan: the memory store serves tests, and sweeps are rare.
        var due = new List<(DateTimeOffset WakeAt, string GrainKey)>();
        lock (_table.Gate)
        {
            foreach (var (key, row) in _table.Rows)
            {
                if (row.WakeAt is { } wakeAt && wakeAt <= dueBy && string.Equals(key.StateName, stateName, StringComparison.Ordinal))
                {
                    due.Add((wakeAt, key.GrainKey));
                }
            }
        }

        due.Sort(static (left, right) =>
        {
            var byTime = left.WakeAt.CompareTo(right.WakeAt);
            return byTime != 0 ? byTime : string.CompareOrdinal(left.GrainKey, right.GrainKey);
        });
        var keys = new List<string>(Math.Min(limit, due.Count));
        for (var i = 0; i < due.Count && i < limit; i++)
        {
            keys.Add(due[i].GrainKey);
        }

        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OrderSummary>> SearchOrdersAsync(OrderSearch search, CancellationToken cancellationToken)
    {
        // A scan: the memory store serves tests. Same order and keyset rule as the databases (order IDs compared ordinally).
        var found = new List<OrderSummary>();
        lock (_table.Gate)
        {
            foreach (var order in _table.OrderIndex.Values)
            {
                if (Matches(order, search))
                {
                    found.Add(order);
                }
            }
        }

        found.Sort(static (left, right) => NewestFirst(left.Key, right.Key));
        return Task.FromResult<IReadOnlyList<OrderSummary>>(found.Count > search.Limit ? found.GetRange(0, search.Limit) : found);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<OrderStatus, long>> CountOrdersByStatusAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<OrderStatus, long>();
        lock (_table.Gate)
        {
            foreach (var order in _table.OrderIndex.Values)
            {
                counts[order.Status] = counts.GetValueOrDefault(order.Status) + 1;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<OrderStatus, long>>(counts);
    }

    /// <inheritdoc />
    public Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var expired = new List<StateRowKey>();
        lock (_table.Gate)
        {
            foreach (var (key, row) in _table.Rows)
            {
                if (expired.Count == limit)
                {
                    break;
                }

                if (row.ExpiresAt is { } expiresAt && expiresAt <= now)
                {
                    expired.Add(key);
                }
            }

            foreach (var key in expired)
            {
                _table.Rows.Remove(key);
            }
        }

        return Task.FromResult(expired.Count);
    }

    private static bool Matches(OrderSummary order, OrderSearch search) =>
        (search.PartnerId is null || string.Equals(order.PartnerId, search.PartnerId, StringComparison.Ordinal))
        && (search.ChannelOrderRef is null || string.Equals(order.ChannelOrderRef, search.ChannelOrderRef, StringComparison.Ordinal))
        && (search.CustomerId is null || string.Equals(order.CustomerId, search.CustomerId, StringComparison.Ordinal))
        && (search.Status is null || order.Status == search.Status)
        && (search.CreatedFrom is null || order.CreatedAt >= search.CreatedFrom)
        && (search.CreatedTo is null || order.CreatedAt < search.CreatedTo)
        && (search.After is null || NewestFirst(search.After, order.Key) < 0);

    /// <summary>Negative when <paramref name="left"/> comes first: later creation time first, then the larger order ID.</summary>
    private static int NewestFirst(OrderSearchKey left, OrderSearchKey right)
    {
        var byTime = right.CreatedAt.CompareTo(left.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(right.OrderId, left.OrderId);
    }

    private static int FirstAfter(List<MemoryFeedRow> feed, FeedCursor after)
    {
        int low = 0, high = feed.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if ((ulong)feed[middle].Position <= after.Value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Appends a write's feed events; called under the gate, so positions follow commit order.</summary>
    private void AppendFeed(IReadOnlyList<FeedRow>? rows)
    {
        if (rows is null)
        {
            return;
        }

        foreach (var row in rows)
        {
            if (!_table.Feeds.TryGetValue(row.PartnerId, out var feed))
            {
                _table.Feeds[row.PartnerId] = feed = [];
            }

            feed.Add(new MemoryFeedRow(++_table.LastFeedPosition, row.OccurredAt, row.Payload));
        }
    }
}
