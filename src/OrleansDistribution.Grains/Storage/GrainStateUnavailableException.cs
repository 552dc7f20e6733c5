namespace OrleansDistribution.Grains.Storage;

/// <summary>A grain's state could not be made durable or reloaded; the caller may retry (a 503 at the edge).</summary>
[GenerateSerializer]
[Alias("GrainStateUnavailableException")]
public sealed class GrainStateUnavailableException : OrleansException
{
    /// <summary>Creates the exception.</summary>
    public GrainStateUnavailableException(string message, Exception? inner)
        : base(message, inner!)
    {
    }

    /// <summary>For the serializer.</summary>
    public GrainStateUnavailableException()
    {
    }
}
