namespace OrleansDistribution.Abstractions;

/// <summary>Provider, storage and stream names shared by every silo and client; never repeat them as literals.</summary>
public static class DistributionNames
{
    /// <summary>Grain storage that holds workflow state.</summary>
    public const string Storage = "distribution";

    /// <summary>Grain storage Orleans streaming uses for explicit subscriptions.</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>Stream provider that carries status events.</summary>
    public const string StreamProvider = "status";

    /// <summary>Stream namespace of every published <see cref="Events.DistributionEvent"/>.</summary>
    public const string EventsNamespace = "distribution-events";

    /// <summary>Stream key of the cluster-wide event feed.</summary>
    public const string AllEventsKey = "all";

    /// <summary>Span tag carrying the correlation ID on every trace span of ours.</summary>
    public const string CorrelationIdTag = "correlation.id";

    /// <summary>Meter of every business and storage metric of ours (OpenTelemetry, Prometheus).</summary>
    public const string Meter = "OrleansDistribution";

    /// <summary>RequestContext key carrying the correlation ID into grain calls.</summary>
    public const string CorrelationIdKey = "CorrelationId";

    /// <summary>RequestContext key naming who asked for a change ("operator", "partner {id}"), for the audit log.</summary>
    public const string ActorKey = "Actor";
}
