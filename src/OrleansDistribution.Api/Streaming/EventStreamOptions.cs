namespace OrleansDistribution.Api.Streaming;

/// <summary>Settings of <c>/v1/events/stream</c>, from <c>Distribution:Events</c>.</summary>
public sealed class EventStreamOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Distribution:Events";

    /// <summary>Quiet time after which a heartbeat comment is sent, so idle proxies keep the connection open.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
