namespace ChannelTraffic;

public enum FailureKind
{
    /// <summary>An HTTP response arrived (whatever its status).</summary>
    None,

    /// <summary>No response within --timeout.</summary>
    Timeout,

    /// <summary>Connection refused/reset or another transport-level failure.</summary>
    Transport,

    /// <summary>Stopped by Ctrl+C or --max-duration while in flight; not counted against the server.</summary>
    Cancelled,
}
