namespace OrleansDistribution.Api.Contracts;

/// <summary>One event type and schema version.</summary>
/// <param name="EventType">The event's type name, as in the SSE <c>event</c> field and the payload's <c>eventType</c>.</param>
/// <param name="Version">The payload's <c>schemaVersion</c>; a new version only for a breaking change.</param>
/// <param name="Href">Where its JSON Schema is served.</param>
public sealed record EventSchemaEntryResponse(string EventType, int Version, string Href);
