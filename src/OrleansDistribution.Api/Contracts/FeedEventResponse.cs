using System.Text.Json;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// One event of a partner's feed: its <c>cursor</c> (pass it as <c>after</c>, or as the SSE <c>Last-Event-ID</c>, to
/// read on from here), its type and schema version (<c>GET /v1/schemas/{type}/{version}</c>), and the event itself.
/// </summary>
/// <param name="Cursor">The event's position in the feed: a decimal number, larger for every later event.</param>
/// <param name="Type">The event type, e.g. <c>OrderStatusChanged</c>.</param>
/// <param name="SchemaVersion">The version of the type's schema the data follows.</param>
/// <param name="Data">The event, as the SSE stream sends it.</param>
public sealed record FeedEventResponse(string Cursor, string Type, int SchemaVersion, JsonElement Data);
