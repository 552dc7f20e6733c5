namespace OrleansDistribution.Api.Contracts;

/// <summary>GET /v1/feed: a page of a partner's durable feed, oldest first.</summary>
/// <param name="PartnerId">Whose feed.</param>
/// <param name="Events">The events after the cursor asked for; fewer than <c>limit</c> when the reader is at the end.</param>
/// <param name="Next">The cursor to read on from (the last event's; the one asked for when there was nothing new).</param>
/// <param name="Retention">How long the feed keeps an event, as an ISO 8601 duration (e.g. <c>P7D</c>).</param>
public sealed record FeedResponse(string PartnerId, IReadOnlyList<FeedEventResponse> Events, string Next, string Retention);
