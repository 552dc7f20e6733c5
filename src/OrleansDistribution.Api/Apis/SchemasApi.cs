using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Api.Errors;
using OrleansDistribution.Api.Schemas;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>The event schema catalog: the public contract of the events stream, readable by partners and the operator.</summary>
public static class SchemasApi
{
    /// <summary>Maps /v1/schemas.</summary>
    public static RouteGroupBuilder MapSchemasApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/schemas").WithTags("Schemas").RequireAuthorization(Policies.PartnerOrOperator);
        group.MapGet("/", List).WithName("ListEventSchemas");
        group.MapGet("/{eventType}/{version:int}", Get).WithName("GetEventSchema")
            .Produces(StatusCodes.Status200OK, typeof(object), EventSchemaCatalog.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Every event type the API publishes, with each schema version and the path of its JSON Schema.</summary>
    public static Ok<EventSchemaList> List(EventSchemaCatalog catalog) =>
        TypedResults.Ok(new EventSchemaList([.. catalog.Types.Select(type => new EventTypeSchemas(
            type.EventType, [.. type.Versions.Select(version => new EventSchemaVersion(version, EventSchemaCatalog.IdOf(type.EventType, version)))]))]));

    /// <summary>
    /// The JSON Schema (draft 2020-12) of one version of an event's <c>data</c> exactly as the stream serializes it;
    /// an unknown type or version is 404.
    /// </summary>
    public static Results<ContentHttpResult, ProblemHttpResult> Get(string eventType, int version, EventSchemaCatalog catalog) =>
        catalog.Find(eventType, version) is { } schema
            ? TypedResults.Text(schema.ToJsonString(), EventSchemaCatalog.MediaType)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.For("not-found"), title: "Unknown event schema",
                detail: $"No event '{eventType}' with schema version {version}; GET /v1/schemas lists them.");
}
