using System.Text.Json.Serialization;
using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// A full refresh of on-hand from the ERP's stock snapshot: <c>trigger</c> <c>schedule</c> or <c>operator</c>,
/// <c>status</c> <c>running</c>, <c>completed</c> or <c>failed</c> (with <c>error</c>; the next run resumes after the
/// last page applied, <c>resumedAfter</c>), pages read and positions <c>applied</c>, <c>stale</c> (the hub had that
/// ERP statement or a later one) and <c>failed</c> (the SKU could not be written; the next run states it again).
/// </summary>
public sealed record ErpRefreshResponse(
    string RunId,
    string Trigger,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int Pages,
    int Applied,
    int Stale,
    int Failed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResumedAfter,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
{
    /// <summary>Maps a run.</summary>
    public static ErpRefreshResponse From(ErpRefreshRun run) =>
        new(run.RunId, run.Trigger, ReconciliationResponse.Name(run.Status), run.StartedAt, run.FinishedAt, run.Pages, run.Applied, run.Stale, run.Failed,
            run.ResumedAfter, run.Error);
}
