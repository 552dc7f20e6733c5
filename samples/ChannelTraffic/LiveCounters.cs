namespace ChannelTraffic;

/// <summary>Running totals for the per-second progress line; the summary is computed from the full results instead.</summary>
public sealed class LiveCounters
{
    private long _sent;
    private long _completed;
    private long _accepted;
    private long _onHold;
    private long _replayed;
    private long _errors;

    public long Sent => Interlocked.Read(ref _sent);

    public long Completed => Interlocked.Read(ref _completed);

    public long Accepted => Interlocked.Read(ref _accepted);

    public long OnHold => Interlocked.Read(ref _onHold);

    public long Replayed => Interlocked.Read(ref _replayed);

    public long Errors => Interlocked.Read(ref _errors);

    public void OnSent() => Interlocked.Increment(ref _sent);

    public void OnCompleted(PlannedSubmission submission, SubmissionResult result)
    {
        if (result.IsSuccess && !result.Replayed)
        {
            if (string.Equals(result.OrderStatus, OrderStatuses.Accepted, StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _accepted);
            }
            else if (string.Equals(result.OrderStatus, OrderStatuses.OnHold, StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _onHold);
            }
        }

        if (result.Replayed)
        {
            Interlocked.Increment(ref _replayed);
        }

        if (result.IsError(submission))
        {
            Interlocked.Increment(ref _errors);
        }

        Interlocked.Increment(ref _completed);
    }
}
