using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>A grain state for storage tests that carries a wake time and an expiry, as workflow state will.</summary>
[GenerateSerializer]
[Alias("tests.scheduled-state")]
public sealed class ScheduledTestState : IScheduledState
{
    /// <summary>Something to tell versions apart.</summary>
    [Id(0)]
    public string Text { get; set; } = "";

    /// <inheritdoc />
    [Id(1)]
    public DateTimeOffset? WakeAt { get; set; }

    /// <inheritdoc />
    [Id(2)]
    public DateTimeOffset? ExpiresAt { get; set; }
}
