namespace OrleansDistribution.Grains.Storage;

/// <summary>
/// Grain state that tells the storage when its grain must be woken up (pending work, a deadline) and when
/// its record may be deleted. The storage keeps both beside the payload, written in the same transaction,
/// so the index of pending work costs no extra write.
/// </summary>
public interface IScheduledState
{
    /// <summary>When the grain must be activated if it has not written since: null when nothing is pending.</summary>
    DateTimeOffset? WakeAt { get; }

    /// <summary>When the record may be deleted: null to keep it.</summary>
    DateTimeOffset? ExpiresAt { get; }
}
