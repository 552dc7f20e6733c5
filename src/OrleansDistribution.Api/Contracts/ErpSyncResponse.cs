using System.Text.Json.Serialization;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// What POST /v1/inventory/sync did with each statement, in request order: <c>applied</c>, <c>stale</c> (a later
/// statement, or this one, was applied already), <c>rejected</c> (with the problem's <c>status</c> and
/// <c>errors</c> or <c>detail</c>; fix and resend it) or <c>failed</c> (503: the SKU could not be written, nothing
/// of its lines applied; resend the batch, repeats are harmless).
/// </summary>
public sealed record ErpSyncResponse(int Applied, int Stale, int Rejected, int Failed, IReadOnlyList<ErpSyncLineResponse> Lines);

/// <summary>One statement's result; <c>onHand</c> is the SKU's on-hand after the batch when it was written.</summary>
public sealed record ErpSyncLineResponse(
    int Index,
    string? Sku,
    string Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? OnHand = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Status = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null);
