namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>An event to append to a partner's feed with a state write, serialized by the storage before queueing.</summary>
/// <param name="PartnerId">Whose feed.</param>
/// <param name="EventId">The event's ID (kept beside the payload for operators reading the table).</param>
/// <param name="EventType">The event's type name.</param>
/// <param name="OccurredAt">When the change happened: the retention sweep deletes by it.</param>
/// <param name="Payload">The event, serialized with the Orleans serializer as a <c>DistributionEvent</c>.</param>
public sealed record FeedRow(string PartnerId, string EventId, string EventType, DateTimeOffset OccurredAt, byte[] Payload);
