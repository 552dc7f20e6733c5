namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>The durable queue of open exceptions of one business cause. Key: the exception type.</summary>
public interface IExceptionQueueGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates an exception (by ID); repeating it is harmless.</summary>
    Task AddAsync(ExceptionEntry entry);

    /// <summary>Removes an exception once it is retried successfully or resolved.</summary>
    Task RemoveAsync(string exceptionId);

    /// <summary>The open exception with this ID, or null when it is not open.</summary>
    [ReadOnly]
    Task<ExceptionEntry?> GetAsync(string exceptionId);

    /// <summary>Open exceptions, oldest first, optionally of one partner.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ExceptionEntry>> ListAsync(string? partnerId);

    /// <summary>Open exceptions per partner.</summary>
    [ReadOnly]
    Task<IReadOnlyDictionary<string, int>> CountByPartnerAsync();

    /// <summary>How many are open and the oldest one's raise time, without copying the entries.</summary>
    [ReadOnly]
    Task<ExceptionBacklog> BacklogAsync();
}
