namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>A throttled bulk replay that reports progress. Key: job ID.</summary>
public interface IReplayJobGrain : IGrainWithStringKey
{
    /// <summary>Takes the exceptions open now and starts replaying them in the background; starting twice is harmless.</summary>
    Task<ReplayJobSnapshot> StartAsync(ReplayJobRequest request);

    /// <summary>Progress, or null when no job has this ID.</summary>
    [ReadOnly]
    Task<ReplayJobSnapshot?> GetAsync();
}
