namespace ChannelTraffic;

/// <param name="Status">HTTP status code, or a transport outcome (timeout, transport, cancelled) when no response arrived.</param>
public sealed record StatusCount(string Status, int First, int Duplicate)
{
    public int Total => First + Duplicate;
}
