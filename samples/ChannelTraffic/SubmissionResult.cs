namespace ChannelTraffic;

/// <param name="Completed">False for a slot never sent (run stopped early).</param>
/// <param name="StatusCode">0 when no HTTP response arrived; see <paramref name="Failure"/>.</param>
/// <param name="Detail">Problem title/detail or exception message, kept only for failures.</param>
public readonly record struct SubmissionResult(
    bool Completed,
    int StatusCode,
    FailureKind Failure,
    string? OrderId,
    string? OrderStatus,
    bool Replayed,
    double LatencyMs,
    string? Detail)
{
    public bool IsSuccess => Failure == FailureKind.None && StatusCode is >= 200 and < 300;

    /// <summary>
    /// A 409 is the contract's allowed answer when the same key is still in flight, so it only counts as an
    /// error for a key that was sent once.
    /// </summary>
    public bool IsAllowedConflict(PlannedSubmission submission) =>
        Failure == FailureKind.None && StatusCode == 409 && submission.Order.SubmissionCount > 1;

    public bool IsError(PlannedSubmission submission) => Failure switch
    {
        FailureKind.Timeout or FailureKind.Transport => true,
        FailureKind.Cancelled => false,
        _ => !IsSuccess && !IsAllowedConflict(submission),
    };
}
