namespace OrleansDistribution.Abstractions.Events;

/// <summary>Base of every status event on the distribution stream; consumers de-duplicate by <see cref="EventId"/>.</summary>
[GenerateSerializer, Immutable]
[Alias("DistributionEvent")]
public abstract record DistributionEvent
{
    /// <summary>Unique per event; stable across redeliveries.</summary>
    [Id(0)] public required string EventId { get; init; }

    /// <summary>When the change happened.</summary>
    [Id(1)] public required DateTimeOffset At { get; init; }

    /// <summary>The correlation ID of the request that caused the change.</summary>
    [Id(2)] public required string CorrelationId { get; init; }

    /// <summary>Event type name as published to channels.</summary>
    public abstract string EventType { get; }

    /// <summary>Schema version of this event type; bumped only for breaking changes.</summary>
    public abstract int SchemaVersion { get; }
}
