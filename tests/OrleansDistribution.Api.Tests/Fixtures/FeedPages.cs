using System.Net;
using System.Numerics;
using System.Text.Json.Nodes;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>Reads a partner's feed through <c>GET /v1/feed</c>, page by page, as a channel would.</summary>
public static class FeedPages
{
    /// <summary>One event of the feed: its cursor, type and data.</summary>
    public sealed record FeedEvent(string Cursor, string Type, JsonObject Data)
    {
        /// <summary>The cursor as a number, to compare positions.</summary>
        public BigInteger Position => BigInteger.Parse(Cursor, System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The event's ID.</summary>
        public string EventId => Data["eventId"]!.GetValue<string>();
    }

    /// <summary>Every event after <paramref name="after"/> up to the end, following <c>next</c>; fails on anything but 200.</summary>
    public static async Task<List<FeedEvent>> ReadAllAsync(HttpClient client, string? after = null, string? partnerId = null, int limit = 100)
    {
        var events = new List<FeedEvent>();
        var cursor = after;
        while (true)
        {
            var query = $"/v1/feed?limit={limit}" + (cursor is null ? "" : $"&after={cursor}") + (partnerId is null ? "" : $"&partnerId={partnerId}");
            using var response = await client.GetAsync(query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Scenario.ReadObjectAsync(response);
            var items = page["events"]!.AsArray()
                .Select(e => new FeedEvent(e!["cursor"]!.GetValue<string>(), e["type"]!.GetValue<string>(), e["data"]!.AsObject()))
                .ToList();
            events.AddRange(items);
            cursor = page["next"]!.GetValue<string>();
            if (items.Count < limit)
            {
                return events;
            }
        }
    }

    /// <summary>The statuses the feed announced for one order, in feed order.</summary>
    public static List<string> StatusesOf(IEnumerable<FeedEvent> feed, string orderId) =>
        [.. feed.Where(e => e.Type == "OrderStatusChanged" && e.Data["orderId"]!.GetValue<string>() == orderId).Select(e => e.Data["status"]!.GetValue<string>())];

    /// <summary>Waits until the feed holds the given statuses of the order (the workflow runs on after a 201).</summary>
    public static Task<List<FeedEvent>> WaitForAsync(HttpClient client, string orderId, params string[] statuses) =>
        Eventually.MatchesAsync(() => ReadAllAsync(client), feed => StatusesOf(feed, orderId).SequenceEqual(statuses),
            $"the feed holding {string.Join(", ", statuses)} of order {orderId}");

    /// <summary>Asserts cursors strictly ascend and event IDs are unique: no reordering, no duplicates.</summary>
    public static void AssertOrderedWithoutDuplicates(IReadOnlyList<FeedEvent> feed)
    {
        for (var i = 1; i < feed.Count; i++)
        {
            Assert.True(feed[i].Position > feed[i - 1].Position, $"cursor {feed[i].Cursor} follows {feed[i - 1].Cursor}");
        }

        Assert.Equal(feed.Count, feed.Select(e => e.EventId).Distinct(StringComparer.Ordinal).Count());
    }
}
