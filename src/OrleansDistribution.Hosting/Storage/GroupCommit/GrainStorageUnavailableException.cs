using Orleans;
using Orleans.Runtime;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// The database did not commit (or answer) the batch an operation travelled in, so nothing of it was acknowledged.
/// An <see cref="OrleansException"/>, so the API turns it into a 503 problem and the channel retries with the same
/// Idempotency-Key; the inner exception is the database's own error.
/// </summary>
[GenerateSerializer]
[Alias("OrleansDistribution.GrainStorageUnavailableException")]
public sealed class GrainStorageUnavailableException : OrleansException
{
    /// <summary>Creates the exception with a message.</summary>
    public GrainStorageUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the database's error.</summary>
    public GrainStorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
