namespace OrleansDistribution.Api.Schemas;

/// <summary>One schema version of an event type and where its JSON Schema is.</summary>
/// <param name="Version">The payload's <c>schemaVersion</c>.</param>
/// <param name="Href">The path of its JSON Schema (draft 2020-12).</param>
public sealed record EventSchemaVersion(int Version, string Href);
