namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>
/// One slice of the open exceptions of one business cause (key: <see cref="ExceptionQueues.ShardOf"/>). A queue
/// is split so a backlog of many thousands (a sold-out SKU, an ERP outage) never makes one grain rewrite the
/// whole backlog for every order it receives.
/// </summary>
public interface IExceptionShardGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates an exception (by ID); repeating it is harmless.</summary>
    Task AddAsync(ExceptionEntry entry);

    /// <summary>Removes an exception; removing one that is not open is harmless.</summary>
    Task RemoveAsync(string exceptionId);

    /// <summary>The open exception with this ID, or null when it is not open (in this slice).</summary>
    [ReadOnly]
    Task<ExceptionEntry?> GetAsync(string exceptionId);

    /// <summary>This slice's open exceptions, optionally of one partner.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ExceptionEntry>> ListAsync(string? partnerId);

    /// <summary>How many are open and the oldest one's raise time, without copying the entries.</summary>
    [ReadOnly]
    Task<ExceptionBacklog> BacklogAsync();
}
