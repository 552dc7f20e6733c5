namespace OrleansDistribution.Api.Schemas;

/// <summary>One event type (the SSE <c>event</c> field) and its schema versions.</summary>
/// <param name="EventType">The type name, as in the SSE <c>event</c> field and the payload's <c>eventType</c>.</param>
/// <param name="Versions">Its schema versions, oldest first.</param>
public sealed record EventTypeSchemas(string EventType, IReadOnlyList<EventSchemaVersion> Versions);
