namespace OrleansDistribution.Api.Schemas;

/// <summary>Every event type the API publishes, each with the schema versions it has been published in.</summary>
/// <param name="EventTypes">By type name.</param>
public sealed record EventSchemaList(IReadOnlyList<EventTypeSchemas> EventTypes);
