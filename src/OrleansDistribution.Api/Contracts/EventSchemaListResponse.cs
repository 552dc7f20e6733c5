namespace OrleansDistribution.Api.Contracts;

/// <summary>The event schema catalog.</summary>
/// <param name="Schemas">Every event type and version, by type name.</param>
public sealed record EventSchemaListResponse(IReadOnlyList<EventSchemaEntryResponse> Schemas);
