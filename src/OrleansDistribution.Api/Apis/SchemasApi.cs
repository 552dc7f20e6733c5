using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Errors;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Schemas;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>The event schema catalog: what each event on the stream looks like, per type and version (public contract).</summary>
public static class SchemasApi
{
    /// <summary>Media type of a served schema.</summary>
    public const string SchemaMediaType = "application/schema+json";

    /// <summary>Maps /v1/schemas.</summary>
    public static IEndpointRouteBuilder MapSchemasApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/schemas").WithTags("Schemas").RequireAuthorization(Policies.PartnerOrOperator);
        group.MapGet("/", List).WithName("ListEventSchemas");
        group.MapGet("/{eventType}/{version:int}", Get).WithName("GetEventSchema")
            .Produces(StatusCodes.Status200OK, contentType: SchemaMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Every event type and schema version the cluster publishes, each with the address of its JSON Schema.</summary>
    public static Ok<EventSchemaListResponse> List(EventSchemaCatalog catalog) =>
        TypedResults.Ok(new EventSchemaListResponse(
            [.. catalog.Entries.Select(entry => new EventSchemaEntryResponse(entry.Type, entry.Version, EventSchemaCatalog.PathOf(entry.Type, entry.Version)))]));

    /// <summary>The JSON Schema (draft 2020-12) of one event type and version, as the payload goes on the wire.</summary>
    public static IResult Get(string eventType, int version, EventSchemaCatalog catalog) =>
        catalog.Find(eventType, version) is { } schema
            ? TypedResults.Text(schema.ToJsonString(), SchemaMediaType)
            : throw new RuleViolationException(RuleViolationKind.NotFound, RuleCodes.SchemaNotFound,
                $"No event schema '{eventType}' version {version}; GET /v1/schemas lists them.");
}
