using OrleansDistribution.Abstractions.Exceptions;

namespace OrleansDistribution.Api.Contracts;

/// <summary>Progress of a bulk replay: total, done, succeeded, failed, and what each failure said.</summary>
public sealed record ReplayJobResponse(
    string JobId,
    string Type,
    string? PartnerId,
    int MaxConcurrency,
    int Total,
    int Done,
    int Succeeded,
    int Failed,
    bool Completed,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<RetryOutcomeResponse> Failures)
{
    /// <summary>Maps the grain's progress.</summary>
    public static ReplayJobResponse From(ReplayJobSnapshot job) =>
        new(job.JobId, job.Type, job.PartnerId, job.MaxConcurrency, job.Total, job.Done, job.Succeeded, job.Failed, job.Completed,
            job.StartedAt, job.CompletedAt, [.. job.Failures.Select(RetryOutcomeResponse.From)]);
}
