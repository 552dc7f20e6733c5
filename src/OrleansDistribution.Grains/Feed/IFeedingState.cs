using OrleansDistribution.Abstractions.Events;

namespace OrleansDistribution.Grains.Feed;

/// <summary>
/// Grain state whose write also appends events to partners' feeds: the storage writes them in the same transaction
/// as the state (a transactional outbox that costs no extra round trip). The grain sets <see cref="FeedAppends"/>
/// right before <c>WriteStateAsync</c>; the events are not part of the serialized state.
/// </summary>
public interface IFeedingState
{
    /// <summary>Events to append with this write, each to the feed of its partner; null or empty for none.</summary>
    IReadOnlyList<PartnerFeedAppend>? FeedAppends { get; }
}

/// <summary>One event for one partner's feed.</summary>
public sealed record PartnerFeedAppend(string PartnerId, DistributionEvent Event);
