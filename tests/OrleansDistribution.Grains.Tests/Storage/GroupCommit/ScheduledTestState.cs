using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>A grain state for storage tests that carries a wake time, an expiry and feed events, as workflow state does.</summary>
[GenerateSerializer]
[Alias("tests.scheduled-state")]
public sealed class ScheduledTestState : IScheduledState, IFeedingState
{
    [NonSerialized]
    private IReadOnlyList<PartnerFeedAppend>? _feedAppends;

    /// <summary>Something to tell versions apart.</summary>
    [Id(0)]
    public string Text { get; set; } = "";

    /// <inheritdoc />
    [Id(1)]
    public DateTimeOffset? WakeAt { get; set; }

    /// <inheritdoc />
    [Id(2)]
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <inheritdoc />
    /// <remarks>Not part of the stored state: set by the grain for one write.</remarks>
    public IReadOnlyList<PartnerFeedAppend>? FeedAppends { get => _feedAppends; set => _feedAppends = value; }
}
